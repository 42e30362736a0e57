import mongoose, { Schema } from 'mongoose';

interface CounterDoc {
  _id: string;
  seq: number;
}

const counterSchema = new Schema<CounterDoc>({ _id: { type: String, required: true }, seq: { type: Number, required: true } });

export const CounterModel = mongoose.model<CounterDoc>('Counter', counterSchema, 'counters');
