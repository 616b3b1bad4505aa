/** A rate per `per` person-years with its exact 95 % CI, as a response shows it after disclosure control. */
export interface RateView {
  events: number | null;
  personYears: number | null;
  per: number;
  rate: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
}
