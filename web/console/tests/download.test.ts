import { describe, expect, it } from 'vitest';
import { fileName } from '../src/api/download';

describe('export file names', () => {
  it('takes the Chinese name the service gives, else the plain one, else the fallback', () => {
    expect(fileName(`attachment; filename=_-20261202.xlsx; filename*=UTF-8''%E5%B7%A5%E5%8D%95-20261202.xlsx`, 'x.xlsx')).toBe('工单-20261202.xlsx');
    expect(fileName('attachment; filename="report.xlsx"', 'x.xlsx')).toBe('report.xlsx');
    expect(fileName(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
