/**
 * Every column a model reads, behaviour then attributes, and how one row of them is written:
 * decided from the data when a model is fitted and stored with it, so that scoring reads profiles
 * exactly as training did.
 */
import { type AttributeEncoding, attributeFeatureDefs, writeAttributes } from "./attributes.js";
import { BehaviourFeatures, behaviourFeatureDefs, type FeatureDef, type FeatureLayout } from "./features.js";
import type { EventSeries } from "./timeline.js";

export interface FeatureSchema {
  layout: FeatureLayout;
  attributes: AttributeEncoding[];
  features: FeatureDef[];
}

export function featureSchema(layout: FeatureLayout, attributes: AttributeEncoding[]): FeatureSchema {
  return {
    layout,
    attributes,
    features: [...behaviourFeatureDefs(layout), ...attributes.flatMap(attributeFeatureDefs)],
  };
}

/** Writes rows of a schema's natural values (NaN: missing) into a row-major matrix. */
export class RowWriter {
  readonly size: number;
  private readonly behaviour: BehaviourFeatures;

  constructor(private readonly schema: FeatureSchema) {
    this.behaviour = new BehaviourFeatures(schema.layout);
    this.size = schema.features.length;
  }

  write(
    series: EventSeries,
    attributes: unknown,
    cutoffMs: number,
    out: Float32Array,
    row: number,
    valueSlot?: Int32Array,
  ): void {
    const offset = row * this.size;
    this.behaviour.write(series, cutoffMs, out, offset, valueSlot);
    writeAttributes(this.schema.attributes, attributes, cutoffMs, out, offset + this.behaviour.size);
  }
}
