// API Gateway knowledge shared by the API Gateway rules: which API a V2 stage belongs to and whether it is a WebSocket
// API (CL-AWS-199 execution logging, CL-AWS-272 client certificates: settings that only WebSocket API stages take).
import { type CheckContext, findById, reachable, type Resource } from '../kit';

/** Where a format writes a V2 stage's API (`ApiId`, `api_id`), the API's type and the API's protocol. */
export interface V2Api {
  readonly apiId: string;
  readonly apiType: string;
  readonly protocol: string;
}

export const CFN_V2_API: V2Api = { apiId: 'ApiId', apiType: 'AWS::ApiGatewayV2::Api', protocol: 'ProtocolType' };
export const TF_V2_API: V2Api = { apiId: 'api_id', apiType: 'aws_apigatewayv2_api', protocol: 'protocol_type' };

/**
 * The API of a V2 stage when it is known to be a WebSocket API: the stage's API ID refers to one API of the same
 * file (`!Ref`, `Fn::GetAtt`, `aws_apigatewayv2_api.x.id`) whose protocol is WEBSOCKET in every reachable
 * alternative. An HTTP API, an API elsewhere or one of unknown protocol gives undefined. A check calling it reads the
 * scope (`reads: 'scope'`).
 */
export function websocketApi(r: Resource, ctx: CheckContext, k: V2Api): Resource | undefined {
  const ids = r.references(k.apiId);
  if (ids.length !== 1) return undefined;
  const api = findById(ctx, [k.apiType], ids);
  if (!api) return undefined;
  const protocols = reachable(api.body.get(k.protocol));
  return protocols.length > 0 && protocols.every((p) => p.str()?.trim().toUpperCase() === 'WEBSOCKET') ? api : undefined;
}
