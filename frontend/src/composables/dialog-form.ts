// The dialogs that edit a library entry (typical case, answer template)
// submit the same way: the form's own rules first, then the request; the
// server's field messages land on the items, other problems above the
// form, and a 409 (changed meanwhile, or already there) is said plainly.
import { reactive, ref, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { applyFieldErrors, clearFieldErrors, formProps, isApiError, type ApiError, type FieldErrorMap } from '@/api/request'

/** useDialogForm drives the form whose template ref is formRef. */
export function useDialogForm(formRef: Ref<FormInstance | undefined>) {
  const errors = reactive<FieldErrorMap>({})
  const alerts = ref<string[]>([])
  const saving = ref(false)

  function reset(): void {
    alerts.value = []
    clearFieldErrors(errors)
  }

  /** submit validates the form, then sends; conflict words a 409. */
  async function submit(send: () => Promise<void>, conflict: (e: ApiError) => string = (e) => e.detail): Promise<void> {
    reset()
    const ok = await formRef.value?.validate().catch(() => false)
    if (!ok) return
    saving.value = true
    try {
      await send()
    } catch (e) {
      alerts.value = isApiError(e) && e.status === 409 ? [conflict(e)] : applyFieldErrors(e, errors, { known: formProps(formRef.value) })
    } finally {
      saving.value = false
    }
  }

  return { errors, alerts, saving, reset, submit }
}
