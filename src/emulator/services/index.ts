/**
 * The control-plane services of the embedded AWS, by SigV4 signing name.
 * Add a service: a folder under services/ exporting a ControlPlaneService, and a line here.
 */
import type { ControlPlaneService } from './types.ts';
import { sts } from './sts/index.ts';
import { iam } from './iam/index.ts';
import { apigateway } from './apigatewayv2/index.ts';
import { accessAnalyzer } from './accessanalyzer/index.ts';

export const CONTROL_PLANE: ReadonlyMap<string, ControlPlaneService> = new Map(
  [sts, iam, apigateway, accessAnalyzer].map((s) => [s.signingName, s]),
);

/** The service that answers a request carrying no usable signature (Query clients are the common case). */
export const DEFAULT_SERVICE = sts;
