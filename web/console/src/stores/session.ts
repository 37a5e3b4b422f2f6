import { defineStore } from 'pinia';
import { ref } from 'vue';
import { signedIn, type Staff } from '../auth/session';
import { useReference } from './reference';

/** The signed-in staff member and what their roles let the console offer. */
export const useSession = defineStore('session', () => {
  const staff = ref<Staff | null>(null);

  async function load(): Promise<Staff | null> {
    staff.value = await signedIn();
    if (staff.value?.homeOrgId) await useReference().knowAncestors(staff.value.homeOrgId);
    return staff.value;
  }

  const has = (role: string) => staff.value?.roles.includes(role) ?? false;
  /** Works tickets (签收, 办结 …): staff, or admin everywhere. */
  const works = () => has('staff') || has('admin');

  return { staff, load, has, works };
});
