import { IsBoolean, IsIn, IsNumber, IsString, Matches, ValidateBy } from 'class-validator';
import { SHORT_CODE, SHORT_CODE_MESSAGE } from '../codes';
import { READABLE_CODE_MESSAGE, readableCodeProblem } from '../direct-identifiers';

function applyDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

export function Code(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: 'must be a string' }),
    Matches(SHORT_CODE, { message: SHORT_CODE_MESSAGE }),
  );
}

/** A code Rung stores as sent (jobFamily, programmeId, source): a short code that looks like no direct identifier. */
export function ReadableCode(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: 'must be a string' }),
    ValidateBy({
      name: 'readableCode',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || readableCodeProblem(value) === undefined,
        defaultMessage: (args) => readableCodeProblem(String(args?.value)) ?? READABLE_CODE_MESSAGE,
      },
    }),
  );
}

export function OneOf(values: readonly (string | number)[]): PropertyDecorator {
  return IsIn([...values], { message: `must be one of: ${values.join(', ')}` });
}

export function Flag(): PropertyDecorator {
  return IsBoolean({ message: 'must be true or false' });
}

export function FiniteNumber(): PropertyDecorator {
  return IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' });
}
