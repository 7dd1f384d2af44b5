#!/usr/bin/env node
// The CDK app (cdk.json runs the compiled dist/bin/app.js): `npx cdk synth -c lab=<id>`.
import { createLabApp } from '../lib/stack/app';

createLabApp().synth();
