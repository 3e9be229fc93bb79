/** Perform takes the action a form is for with its body (the page adds
 * the case version). It resolves true when the action was taken, false
 * when the case had changed meanwhile (the page reloads it and says so),
 * and throws the server's error otherwise (field messages). */
export type Perform = (body: Record<string, unknown>) => Promise<boolean>
