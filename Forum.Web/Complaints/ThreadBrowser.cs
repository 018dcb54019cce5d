using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Web.Configuration;

namespace Forum.Web.Complaints;

/// <summary>The raw query values of a thread list, as they arrive in the URL.</summary>
public sealed record ThreadListRequest(string? Company, string? Project, string? Category, string? Status, string? Before, string? After);

public sealed record ThreadBrowseResult(Catalog Catalog, ThreadListFilter Filter, ThreadListPage Page);

/// <summary>
/// What the list pages (home, company, project) call: resolves the URL's filters against the catalogue and reads
/// one page. A company or project page pins its own filter.
/// </summary>
public sealed class ThreadBrowser(
    CatalogCache catalogCache,
    IThreadRepository threads,
    TimeProvider timeProvider)
{
    public async Task<ThreadBrowseResult> BrowseAsync(
        ThreadListRequest request,
        Company? pinnedCompany = null,
        Project? pinnedProject = null,
        CancellationToken cancellationToken = default)
    {
        var catalog = await catalogCache.GetAsync(cancellationToken);
        var filter = ThreadListFilter.Parse(catalog,
            pinnedCompany?.Slug ?? request.Company,
            pinnedProject?.Slug ?? request.Project,
            request.Category, request.Status, request.Before, request.After);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var overdue = new OverdueOptions(now);
        var page = await threads.ListAsync(filter.ToQuery(overdue: overdue), cancellationToken);
        page = page with { Items = page.Items.Select(t => t with { Title = PersonalDataMasker.Mask(t.Title) }).ToList() };
        return new ThreadBrowseResult(catalog, filter, page);
    }
}
