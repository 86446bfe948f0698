/** What became of a "Copy link": copied to the clipboard, or shown selected for the player to copy. */
export type CopyOutcome = "copied" | "shown";

/**
 * Copy `link` to the clipboard, or, where the clipboard API is missing (any plain-http address
 * other than localhost is not a secure context) or refuses, put it in `field` selected so
 * Ctrl+C / long-press copies it. Resolves to what happened: the caller says "Copied" only for
 * "copied", never when it was not.
 */
export async function copyOrShowLink(link: string, field: HTMLInputElement, clipboard: Pick<Clipboard, "writeText"> | undefined = navigator.clipboard): Promise<CopyOutcome> {
  if (clipboard && typeof clipboard.writeText === "function") {
    try {
      await clipboard.writeText(link);
      field.hidden = true;
      return "copied";
    } catch {
      // Refused (no permission, page not focused): show it instead.
    }
  }
  field.value = link;
  field.hidden = false;
  field.focus();
  field.select();
  return "shown";
}
