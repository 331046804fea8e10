import { EMULATOR_AXP_ACCOUNT, EMULATOR_CREDENTIALS } from '../../credentials';
import type { Dataset } from '../../dataset';
import type { EmulatorRequest, EmulatorResponse, VendorRoute } from '../../types';
import { search, searchBodySchema } from './search';

/*
 * Avaya Experience Platform, user administration audit records:
 * POST /api/admin/user/v1/accounts/<accountId>/audit-records:search
 *
 * Errors are RFC 7807 problem details as AXP documents them:
 *   401 { type, title: "Unauthorized", status: 401, detail: "...credentials(Appkey)" | "...(Access-Token)" }
 *   400 { type, title: "Bad Request", status: 400, detail: "<what is wrong>" }
 *   403 { type, title: "Forbidden", status: 403, detail } for a caller without the Account
 *       Administrator role the seed requires (AXP_NON_ADMIN_TOKEN)
 * AXP documents no request budget for this endpoint, so none is enforced.
 */

/** A valid bearer token of a user without the Account Administrator role: refused with 403. */
export const AXP_NON_ADMIN_TOKEN = 'emulator-axp-non-admin-token';

const PATH = /^\/api\/admin\/user\/v1\/accounts\/([^/]+)\/audit-records:search$/;
const DOCS = 'https://developers.avayacloud.com/avaya-experience-platform/docs/error-handling';
const DEFAULT_PAGE_SIZE = 5;
const MAX_PAGE_SIZE = 50;

function problem(status: 400 | 401 | 403 | 404 | 405, title: string, detail: string): EmulatorResponse {
  const anchor = title.toLowerCase().replace(/\s+/g, '-');
  return { status, body: { type: `${DOCS}#${anchor}`, title, status, detail } };
}

function checkAuth(request: EmulatorRequest): EmulatorResponse | undefined {
  const expected = EMULATOR_CREDENTIALS.axp;
  const appKey = request.headers.appkey;
  const authorization = request.headers.authorization;
  const lacks = (what: string) => problem(401, 'Unauthorized', `The client request has not been completed because it lacks valid authentication credentials(${what})`);
  if (appKey === undefined && authorization === undefined) return lacks('Access-Token');
  if (appKey !== undefined && appKey !== expected.appKey) return lacks('Appkey');
  if (authorization === `Bearer ${AXP_NON_ADMIN_TOKEN}`) {
    return problem(403, 'Forbidden', 'The client does not have the Account Administrator role required to search audit records.');
  }
  if (authorization !== undefined && authorization !== `Bearer ${expected.token}`) return lacks('Access-Token');
  return undefined;
}

/** A positive integer query parameter, its default when absent, or an error text. */
function intParam(query: URLSearchParams, name: string, fallback: number, max?: number): number | string {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || (max !== undefined && value > max)) {
    return max === undefined ? `${name} must be a whole number of at least 1.` : `${name} must be a whole number between 1 and ${max}.`;
  }
  return value;
}

function handle(request: EmulatorRequest, dataset: Dataset): EmulatorResponse {
  const path = PATH.exec(request.path);
  if (!path) {
    return problem(404, 'Resource Not Found', 'Either there is no API method associated with the URL path of the request, or the request refers to one or more resources that were not found.');
  }
  if (request.method !== 'POST') return problem(405, 'Method Not Allowed', `${request.method} is not supported here: use POST.`);
  const denied = checkAuth(request);
  if (denied) return denied;
  const account = path[1] as string;
  if (account !== EMULATOR_AXP_ACCOUNT) return problem(400, 'Bad Request', 'Invalid AccountID');

  const pageNumber = intParam(request.query, 'pageNumber', 1);
  if (typeof pageNumber === 'string') return problem(400, 'Bad Request', pageNumber);
  const pageSize = intParam(request.query, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (typeof pageSize === 'string') return problem(400, 'Bad Request', pageSize);
  const orderBy = request.query.get('orderBy') ?? 'date';
  if (!/^(date|author)( (asc|desc))?$/.test(orderBy)) {
    return problem(400, 'Bad Request', `orderBy "${orderBy}" is not supported: use date or author, optionally followed by " asc" or " desc".`);
  }
  const parsed = searchBodySchema.safeParse(request.body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.');
    return problem(400, 'Bad Request', where
      ? `${where} ${issue?.message ?? 'is invalid'}`
      : 'The request could not be understood by the server due to malformed syntax.');
  }
  const body = parsed.data;
  if (body.startDate && body.endDate && Date.parse(body.startDate) > Date.parse(body.endDate)) {
    return problem(400, 'Bad Request', 'startDate must not be after endDate.');
  }

  const results = search(dataset, body, orderBy);
  const start = (pageNumber - 1) * pageSize;
  const lastPage = Math.max(1, Math.ceil(results.length / pageSize));
  const link = (page: number) => `/api/admin/user/v1/accounts/${account}/audit-records:search?pageNumber=${page}&pageSize=${pageSize}`;
  return {
    status: 200,
    body: {
      pagination: { pageNumber, pageSize, total: results.length },
      auditRecords: results.slice(start, start + pageSize).map((entry) => entry.record),
      // Swapped, as in AXP's own sample: `next` points back, `prev` points forward.
      links: {
        next: pageNumber > 1 ? link(pageNumber - 1) : null,
        prev: pageNumber < lastPage ? link(pageNumber + 1) : null,
      },
    },
  };
}

export const axpRoute: VendorRoute = {
  vendor: 'axp',
  handle: (request, context) => handle(request, context.dataset),
};
