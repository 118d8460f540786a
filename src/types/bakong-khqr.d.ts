// The SDK ships no types; src/lib/khqr/khqr.ts describes the parts it uses.
declare module 'bakong-khqr' {
  const pkg: unknown;
  export default pkg;
}
