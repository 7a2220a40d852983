// The OCR module's public surface. Core start-up: `const pool = await createOcrPool()` once, then
// `createOcrService({ pool, templates: loadTemplates() })`; at shutdown `await pool.close()`.
export { createOcrPool, createOcrWorker, OcrError, type OcrPool, type OcrPoolOptions, type OcrJob, type OcrResult, type OcrWord, type Psm } from './pool.ts';
export { checkModel, defaultModelPaths, modelFile, OcrModelError, type OcrModelPaths } from './model.ts';
export { createOcrService, OcrInputError, type OcrService, type OcrServiceOptions, type PageReading, type FieldReading } from './service.ts';
export { loadTemplates, parseTemplate, defaultFormsDir, TemplateError, type FormTemplate, type FormField, type FieldType } from './template.ts';
export { cleanValue, validateField, readSpec } from './fields.ts';
export { loadLexicon, indexLexicon, lexiconHint, type Lexicon, type LexiconHint } from './lexicon.ts';
export { preparePage, estimateSkew, estimateNoise, sauvola, contentBox, otsu, toGrey, type GreyImage, type PreparedPage } from './preprocess.ts';
export { homography, applyHomography, warpPerspective, findPageQuad, rectifyImage, rectifiedSize, type Quad, type Point, type PixelBuffer } from './perspective.ts';
export { registerPage, regionToPixels, type Registration } from './register.ts';
export { buildDossierPdf, dossierText, type DossierText } from './dossier.ts';
export { inputToPages, pdfToPngs, sniffKind, PageInputError } from './input.ts';
export { renderFilledForm, renderTextPage, filledFormSvg, pageSizePx, type FormValues } from './synthetic.ts';
