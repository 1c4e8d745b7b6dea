// Writes the small media files the interop fixtures carry (run once; the files are committed):
// pictures drawn by Chromium's canvas, and a quarter-second WAV tone (8 kHz, 8-bit mono PCM).
// Usage: node media-fixtures.mjs   (from tests/Interop/node)
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const interop = new URL('..', import.meta.url).pathname;
const migration = new URL('../../Migration/items/', import.meta.url).pathname;
const write = (path, bytes) => { mkdirSync(dirname(path), { recursive: true }); writeFileSync(path, bytes); };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  const draw = (type, colour) => page.evaluate(([type, colour]) => {
    const canvas = document.createElement('canvas');
    canvas.width = 16; canvas.height = 9;
    const g = canvas.getContext('2d');
    g.fillStyle = colour; g.fillRect(0, 0, 16, 9);
    g.fillStyle = '#fff'; g.fillRect(4, 2, 8, 5);
    return canvas.toDataURL(type, 0.8).split(',')[1];
  }, [type, colour]).then(b64 => Buffer.from(b64, 'base64'));
  write(`${migration}posts/cricket-final/trophy.jpg`, await draw('image/jpeg', '#c90'));
  write(`${migration}images/flood.jpg`, await draw('image/jpeg', '#369'));
  write(`${migration}assets/img/water-talks.jpg`, await draw('image/jpeg', '#396'));
  write(`${interop}fixture/items/map.png`, await draw('image/png', '#693'));
  write(`${interop}fixture/items/pixel.png`, await draw('image/png', '#999'));
} finally {
  await browser.close();
}

// RIFF WAVE: 2,000 samples of a 440 Hz tone.
const rate = 8000, samples = 2000;
const wav = Buffer.alloc(44 + samples);
wav.write('RIFF', 0); wav.writeUInt32LE(36 + samples, 4); wav.write('WAVE', 8);
wav.write('fmt ', 12); wav.writeUInt32LE(16, 16); wav.writeUInt16LE(1, 20); wav.writeUInt16LE(1, 22);
wav.writeUInt32LE(rate, 24); wav.writeUInt32LE(rate, 28); wav.writeUInt16LE(1, 32); wav.writeUInt16LE(8, 34);
wav.write('data', 36); wav.writeUInt32LE(samples, 40);
for (let i = 0; i < samples; i++)
  wav[44 + i] = 128 + Math.round(60 * Math.sin(2 * Math.PI * 440 * i / rate));
write(`${interop}media/items/audio/bulletin.wav`, wav);
