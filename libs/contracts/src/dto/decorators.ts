import { IsBoolean, IsIn, IsNumber, IsString, Matches } from 'class-validator';
import { SHORT_CODE, SHORT_CODE_MESSAGE } from '../codes';

function applyDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

export function Code(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: 'must be a string' }),
    Matches(SHORT_CODE, { message: SHORT_CODE_MESSAGE }),
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
