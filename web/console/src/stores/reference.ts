import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import { assessment, organisations, tickets } from '../api/client';
import type { components as AssessmentSchemas } from '../api/schema/assessment';
import type { components } from '../api/schema/tickets';
import type { WorkingCalendar } from '../domain/deadline';

type Catalogue = components['schemas']['CatalogueResponse'];
type Glossary = AssessmentSchemas['schemas']['Glossary'];

/**
 * What many pages look up and rarely changes, each read once: organisation names, the service
 * catalogue, the working calendar of a year and the names of the assessment's figures.
 */
export const useReference = defineStore('reference', () => {
  const orgNames = reactive(new Map<string, string>());
  const pending = new Map<string, Promise<void>>();
  let catalogue: Promise<Catalogue | null> | null = null;
  const calendars = new Map<number, Promise<WorkingCalendar>>();
  const glossary = ref<Glossary | null>(null);
  let glossaryRead: Promise<Glossary | null> | null = null;

  function orgName(id: string | null | undefined): string {
    if (!id) return '—';
    if (!orgNames.has(id) && !pending.has(id)) {
      pending.set(id, organisations.GET('/api/v1/organisations/{id}', { params: { path: { id } } }).then(({ data }) => {
        orgNames.set(id, data?.name ?? '（无权查看）');
      }));
    }
    return orgNames.get(id) ?? '…';
  }

  /**
   * The names above an organisation: a village's staff may not read the township as such, but a
   * ticket they escalated now lies there, and they must see where.
   */
  async function knowAncestors(id: string): Promise<void> {
    const { data } = await organisations.GET('/api/v1/organisations/{id}/ancestors', { params: { path: { id } } });
    for (const o of data?.items ?? []) orgNames.set(o.id, o.name);
  }

  function loadCatalogue(): Promise<Catalogue | null> {
    catalogue ??= tickets.GET('/api/v1/ticket-categories').then(({ data }) => data ?? null);
    return catalogue;
  }

  function calendar(year: number): Promise<WorkingCalendar> {
    let found = calendars.get(year);
    if (!found) {
      found = tickets.GET('/api/v1/ticket-categories/calendar/{year}', { params: { path: { year } } }).then(({ data }) => ({
        holidays: new Set((data?.days ?? []).filter((d) => d.kind === 'holiday').map((d) => d.date)),
        workdays: new Set((data?.days ?? []).filter((d) => d.kind === 'workday').map((d) => d.date)),
      }));
      calendars.set(year, found);
    }
    return found;
  }

  function loadGlossary(): Promise<Glossary | null> {
    glossaryRead ??= assessment.GET('/api/v1/assessments/glossary').then(({ data }) => (glossary.value = data ?? null));
    return glossaryRead;
  }

  /** A count's name, once the glossary is read. */
  function countName(key: string): string {
    return glossary.value?.counts.find((c) => c.key === key)?.name ?? key;
  }

  return { orgName, knowAncestors, loadCatalogue, calendar, glossary, loadGlossary, countName };
});
