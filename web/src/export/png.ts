/**
 * PNG export with @sigma/export-image: Sigma's canvas layers (edges, nodes, labels) drawn
 * onto one canvas over a white background, at the size and camera of the view on screen.
 * The renderer's reducers apply, so hidden nodes are left out as on screen.
 */
import { drawOnCanvas } from '@sigma/export-image'
import type Sigma from 'sigma'

export async function toPng(renderer: Sigma): Promise<Blob> {
  const canvas = await drawOnCanvas(renderer, { backgroundColor: '#ffffff' })
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob === null) reject(new Error('the canvas could not be encoded as PNG'))
      else resolve(blob)
    }, 'image/png')
  })
}
