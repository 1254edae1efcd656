/**
 * The comparison point for the chart benchmark (chart-render.bench.ts): the same bars drawn
 * by stock Chart.js on @napi-rs/canvas, with only the settings a server needs and none of
 * ours (no validation, folding, fonts, formatting or plugins). Never used to serve charts,
 * so it lives with the benchmarks, outside the product's src/.
 */
import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables, type ChartItem } from 'chart.js';

let registered = false;

export async function renderPlainChartJs(
  labels: string[],
  values: number[],
  width: number,
  height: number,
): Promise<Uint8Array> {
  if (!registered) Chart.register(...registerables);
  registered = true;
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, {
    type: 'bar',
    data: { labels, datasets: [{ label: 'value', data: values }] },
    options: { responsive: false, animation: false, devicePixelRatio: 1 },
  });
  try {
    const png = await canvas.encode('png');
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } finally {
    chart.destroy();
  }
}
