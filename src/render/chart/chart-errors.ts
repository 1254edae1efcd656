/**
 * The chart errors the agent returns to the model as a tool error result (stable codes, an
 * English message the model can act on, and a message key for people).
 */
import { KotaeError } from '../../core/errors.ts';
import type { MessageKey } from '../../core/i18n/catalogue.ts';

export type ChartErrorCode =
  | 'chart.invalid_spec'
  | 'chart.unknown_field'
  | 'chart.non_numeric'
  | 'chart.empty_data'
  | 'chart.invalid_options'
  | 'chart.render_failed';

const USER_MESSAGES: Record<ChartErrorCode, MessageKey> = {
  'chart.invalid_spec': 'chart.error.invalidSpec',
  'chart.unknown_field': 'chart.error.unknownField',
  'chart.non_numeric': 'chart.error.nonNumeric',
  'chart.empty_data': 'chart.error.emptyData',
  'chart.invalid_options': 'chart.error.invalidSpec',
  'chart.render_failed': 'chart.error.renderFailed',
};

export function chartError(
  code: ChartErrorCode,
  message: string,
  params: Record<string, string | number> = {},
  cause?: unknown,
): KotaeError {
  return new KotaeError(code, message, {
    userMessage: USER_MESSAGES[code],
    userParams: params,
    data: { ...params },
    cause,
  });
}
