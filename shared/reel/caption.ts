// Caption length as the contract counts it: in Unicode code points, so an emoji is one character
// (a UTF-16 length would count most emoji twice and reject captions the studio showed as fitting).
export function captionLength(caption: string): number {
  let length = 0
  for (const _ of caption) length++
  return length
}
