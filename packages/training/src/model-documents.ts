/**
 * A propensity model's documents with propensity's types: the store keeps a model's spec and a
 * version's artefact and metrics as documents of a shape it does not know (it may not import
 * propensity, ARCHITECTURE.md), and this is the one place that names that shape.
 *
 * Reading a document as these types is sound because of who writes them: a spec is written only
 * by the API, through `ModelSpec` (defaults applied), and a version only by {@link recordVersion},
 * from a fit's `ModelArtefact` and `ModelMetrics`.
 */
import type { ModelArtefact, ModelMetrics, ModelSpec } from "@segflow/propensity";
import {
  getArtefactField,
  getModel,
  getModelVersion,
  getModelVersionSummary,
  listModels,
  listModelVersions,
  type ModelDoc,
  type ModelVersionDoc,
  type ModelVersionSummary,
  type Store,
} from "@segflow/store";

export type PropensityModel = ModelDoc<ModelSpec>;
export type PropensityVersion = ModelVersionDoc<ModelArtefact, ModelMetrics>;
/** A version without its artefact (the network's weights): what lists and views read. */
export type PropensityVersionSummary = ModelVersionSummary<ModelMetrics>;

export const findModel = (store: Store, id: string) => getModel<ModelSpec>(store, id);

export const findModels = (store: Store) => listModels<ModelSpec>(store);

export const findVersion = (store: Store, modelId: string, version: number) =>
  getModelVersion<ModelArtefact, ModelMetrics>(store, modelId, version);

export const findVersionSummary = (store: Store, modelId: string, version: number) =>
  getModelVersionSummary<ModelMetrics>(store, modelId, version);

/** Newest first, without artefacts. */
export const findVersions = (store: Store, modelId: string) =>
  listModelVersions<ModelMetrics>(store, modelId);

/** What a version was trained with (its artefact's spec), read without its network. */
export const trainedSpec = (store: Store, modelId: string, version: number) =>
  getArtefactField<ModelArtefact, "spec">(store, modelId, version, "spec");

/**
 * The prediction window a version was trained with; the model's current one when the version is
 * gone or its artefact is older than the field.
 */
export async function trainedWindowDays(
  store: Store,
  model: PropensityModel,
  version: number,
): Promise<number> {
  return (await trainedSpec(store, model._id, version))?.windowDays ?? model.spec.windowDays;
}
