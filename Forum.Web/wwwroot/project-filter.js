// Company → project: a project list marked data-projects-of="<company field>" shows only the chosen company's
// projects, and picking a project first chooses its company. Without this script every project is listed, grouped by
// company, and the server checks the pair either way. Our own file (no inline script), so a strict CSP allows it.
(() => {
  const companyOf = (projects) => projects.form?.elements.namedItem(projects.dataset.projectsOf);

  const filter = (projects) => {
    const company = companyOf(projects);
    if (!(company instanceof HTMLSelectElement)) return;
    for (const group of projects.querySelectorAll('optgroup[data-company]')) {
      const shown = !company.value || group.dataset.company === company.value;
      group.hidden = !shown;
      group.disabled = !shown;
    }
    if (projects.selectedOptions[0]?.parentElement?.disabled) projects.value = '';
  };

  const filterAll = () => document.querySelectorAll('select[data-projects-of]').forEach(filter);

  document.addEventListener('change', (event) => {
    const changed = event.target;
    if (!(changed instanceof HTMLSelectElement) || !changed.form) return;
    if (changed.dataset.projectsOf) {
      const company = companyOf(changed);
      const group = changed.selectedOptions[0]?.parentElement;
      if (company instanceof HTMLSelectElement && group?.dataset.company && company.value !== group.dataset.company) {
        company.value = group.dataset.company;
        filter(changed);
      }
      return;
    }
    changed.form.querySelectorAll('select[data-projects-of]').forEach((projects) => {
      if (projects.dataset.projectsOf === changed.name) filter(projects);
    });
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', filterAll);
  else filterAll();
  // Blazor's enhanced navigation swaps pages without a load event.
  window.Blazor?.addEventListener?.('enhancedload', filterAll);
})();
