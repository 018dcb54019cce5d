using Forum.Core.Complaints;

namespace Forum.Core.Companies;

/// <summary>
/// A snapshot of companies, projects and categories with look-ups by slug, code and id. Pages resolve the slugs in a
/// URL against it, so an unknown value is a clear "not found" rather than a database error.
/// </summary>
public sealed class Catalog
{
    private readonly Dictionary<long, Company> _companiesById;
    private readonly Dictionary<string, Company> _companiesBySlug;
    private readonly Dictionary<long, Project> _projectsById;
    private readonly Dictionary<string, Project> _projectsBySlug;
    private readonly Dictionary<long, Category> _categoriesById;
    private readonly Dictionary<string, Category> _categoriesByCode;

    public Catalog(IReadOnlyList<Company> companies, IReadOnlyList<Project> projects, IReadOnlyList<Category> categories)
    {
        Companies = companies;
        Projects = projects;
        Categories = categories;
        _companiesById = companies.ToDictionary(c => c.Id);
        _companiesBySlug = companies.ToDictionary(c => c.Slug, StringComparer.OrdinalIgnoreCase);
        _projectsById = projects.ToDictionary(p => p.Id);
        _projectsBySlug = projects.ToDictionary(p => p.Slug, StringComparer.OrdinalIgnoreCase);
        _categoriesById = categories.ToDictionary(c => c.Id);
        _categoriesByCode = categories.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Company> Companies { get; }
    public IReadOnlyList<Project> Projects { get; }
    public IReadOnlyList<Category> Categories { get; }

    /// <summary>Local companies only: the ones that own projects and answer complaints.</summary>
    public IEnumerable<Company> LocalCompanies => Companies.Where(c => c.Kind == CompanyKind.Local);

    public Company? CompanyBySlug(string? slug) => slug is null ? null : _companiesBySlug.GetValueOrDefault(slug);
    public Company? CompanyById(long id) => _companiesById.GetValueOrDefault(id);
    public Project? ProjectBySlug(string? slug) => slug is null ? null : _projectsBySlug.GetValueOrDefault(slug);
    public Project? ProjectById(long id) => _projectsById.GetValueOrDefault(id);
    public Category? CategoryByCode(string? code) => code is null ? null : _categoriesByCode.GetValueOrDefault(code);
    public Category? CategoryById(long id) => _categoriesById.GetValueOrDefault(id);

    public IEnumerable<Project> ProjectsOf(long companyId) => Projects.Where(p => p.CompanyId == companyId);
}
