/** What our virtual camera does where the spec says nothing: observed on any camera, required of none unless a profile promotes it. */
export interface HouseRule {
  /** The spec section the behaviour belongs to (`6.2`, `1.1`, `-` for HTTP in general). */
  chapter: string;
  /** The house expectation in words, as README's "Where the spec is silent" lists it. */
  expectation: string;
}
