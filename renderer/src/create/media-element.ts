// Writes to a media element, the one outside system the editor's hooks drive. Kept in plain
// functions because the React compiler's lint treats values a hook receives as immutable, while a
// <video>'s currentTime, playbackRate and muted are commands to the element, not React state.

export function seekTo(video: HTMLVideoElement, seconds: number): void {
  video.currentTime = seconds
}

export function setRate(video: HTMLVideoElement, rate: number): void {
  video.playbackRate = rate
}

export function setMuted(video: HTMLVideoElement, muted: boolean): void {
  video.muted = muted
}
