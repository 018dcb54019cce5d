using System.Globalization;
using Forum.Core.Companies;

namespace Forum.Core.Complaints;

/// <summary>Something in a list URL that could not be used; the page says so and shows the list without it.</summary>
public enum FilterProblemKind
{
    UnknownCompany,
    UnknownProject,
    UnknownCategory,
    UnknownStatus,
    BadPageToken,
    ProjectNotInCompany,
}

public sealed record FilterProblem(FilterProblemKind Kind, string Value);

/// <summary>
/// The filters of a thread list as they arrive in the URL (slugs and codes), resolved against the catalogue.
/// Unknown values are dropped and reported, never thrown: a mistyped link still shows a useful page.
/// </summary>
public sealed record ThreadListFilter
{
    /// <summary>Longest value we look at; anything longer is not a slug or token of ours.</summary>
    public const int MaxValueLength = 100;

    public Company? Company { get; init; }
    public Project? Project { get; init; }
    public Category? Category { get; init; }
    public ThreadStatus? Status { get; init; }

    /// <summary><c>?status=overdue</c>: complaints past a deadline.</summary>
    public bool OverdueOnly { get; init; }

    public PageCursor? Cursor { get; init; }
    public IReadOnlyList<FilterProblem> Problems { get; init; } = [];

    public const string OverdueSlug = "overdue";

    public bool HasFilters => Company is not null || Project is not null || Category is not null || Status is not null || OverdueOnly;

    public static ThreadListFilter Parse(
        Catalog catalog,
        string? company,
        string? project,
        string? category,
        string? status,
        string? before,
        string? after)
    {
        var problems = new List<FilterProblem>();

        var resolvedCompany = Resolve(company, catalog.CompanyBySlug, FilterProblemKind.UnknownCompany, problems);
        var resolvedProject = Resolve(project, catalog.ProjectBySlug, FilterProblemKind.UnknownProject, problems);
        var resolvedCategory = Resolve(category, catalog.CategoryByCode, FilterProblemKind.UnknownCategory, problems);

        if (resolvedCompany is not null && resolvedProject is not null && resolvedProject.CompanyId != resolvedCompany.Id)
        {
            problems.Add(new FilterProblem(FilterProblemKind.ProjectNotInCompany, Clip(project!)));
            resolvedProject = null;
        }

        ThreadStatus? resolvedStatus = null;
        var overdue = string.Equals(status?.Trim(), OverdueSlug, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(status) && !overdue)
        {
            if (ThreadStatuses.TryParseSlug(status.Trim(), out var parsed))
            {
                resolvedStatus = parsed;
            }
            else
            {
                problems.Add(new FilterProblem(FilterProblemKind.UnknownStatus, Clip(status)));
            }
        }

        PageCursor? cursor = null;
        if (!string.IsNullOrWhiteSpace(before) || !string.IsNullOrWhiteSpace(after))
        {
            var (token, direction) = !string.IsNullOrWhiteSpace(before)
                ? (before, PageDirection.Older)
                : (after!, PageDirection.Newer);
            if (TryParseToken(token, out var id))
            {
                cursor = new PageCursor(id, direction);
            }
            else
            {
                problems.Add(new FilterProblem(FilterProblemKind.BadPageToken, Clip(token)));
            }
        }

        return new ThreadListFilter
        {
            Company = resolvedCompany,
            Project = resolvedProject,
            Category = resolvedCategory,
            Status = resolvedStatus,
            OverdueOnly = overdue,
            Cursor = cursor,
            Problems = problems,
        };
    }

    public ThreadListQuery ToQuery(int pageSize = ThreadListQuery.DefaultPageSize, OverdueOptions? overdue = null) => new()
    {
        Overdue = OverdueOnly ? overdue : null,
        CompanyId = Company?.Id,
        ProjectId = Project?.Id,
        CategoryId = Category?.Id,
        Status = Status,
        Cursor = Cursor,
        PageSize = pageSize,
    };

    private static T? Resolve<T>(string? value, Func<string, T?> lookUp, FilterProblemKind kind, List<FilterProblem> problems)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        var found = trimmed.Length <= MaxValueLength ? lookUp(trimmed) : null;
        if (found is null)
        {
            problems.Add(new FilterProblem(kind, Clip(trimmed)));
        }

        return found;
    }

    private static bool TryParseToken(string token, out long id) =>
        long.TryParse(token.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>Echoed values are cut so a 10 kB query string does not become a 10 kB warning.</summary>
    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
