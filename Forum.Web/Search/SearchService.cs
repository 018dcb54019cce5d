using System.Globalization;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Search;
using Forum.Web.Configuration;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Forum.Web.Search;

/// <summary>The raw query values of a search, as they arrive in the URL.</summary>
public sealed record SearchPageRequest(string? Q, string? Company, string? Project, string? Category, string? Status, string? Sort, string? Page);

/// <summary>A result as the page shows it: the masked title and snippet already split into highlighted spans.</summary>
public sealed record SearchResultView(ThreadSummary Thread, IReadOnlyList<HighlightSpan> Title, IReadOnlyList<HighlightSpan> Snippet, bool NumberMatched);

public sealed record SearchPageModel(
    Catalog Catalog,
    ThreadListFilter Filter,
    SearchQuery Query,
    SearchOrder Order,
    IReadOnlyList<SearchResultView> Results,
    int Page,
    bool HasMore)
{
    public const string NewestSlug = "newest";

    /// <summary>This search on another page, keeping the words, filters and order.</summary>
    public string UrlFor(int page)
    {
        var query = new Dictionary<string, string?> { ["q"] = Query.Text };
        if (Filter.Company is { } company)
        {
            query["company"] = company.Slug;
        }

        if (Filter.Project is { } project)
        {
            query["project"] = project.Slug;
        }

        if (Filter.Category is { } category)
        {
            query["category"] = category.Code;
        }

        if (Filter.Status is { } status)
        {
            query["status"] = status.ToSlug();
        }
        else if (Filter.OverdueOnly)
        {
            query["status"] = ThreadListFilter.OverdueSlug;
        }

        if (Order == SearchOrder.Newest)
        {
            query["sort"] = NewestSlug;
        }

        if (page > 1)
        {
            query["page"] = page.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString("/search", query);
    }
}

/// <summary>
/// What <c>/search</c> calls: parses the words and the filters from the URL, searches the public index and prepares
/// each result for display, masked the way every public page masks personal data.
/// </summary>
public sealed class SearchService(
    CatalogCache catalogCache,
    ISearchRepository search,
    TimeProvider timeProvider,
    Operations.ForumMetrics metrics)
{
    public async Task<SearchPageModel> SearchAsync(SearchPageRequest request, CancellationToken cancellationToken = default)
    {
        var catalog = await catalogCache.GetAsync(cancellationToken);
        var filter = ThreadListFilter.Parse(catalog, request.Company, request.Project, request.Category, request.Status, null, null);
        var query = SearchQuery.Parse(request.Q);
        var order = string.Equals(request.Sort, SearchPageModel.NewestSlug, StringComparison.OrdinalIgnoreCase) ? SearchOrder.Newest : SearchOrder.Relevance;
        var page = int.TryParse(request.Page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, SearchRequest.MaxPage) : 1;

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await search.SearchAsync(new SearchRequest
        {
            Query = query,
            CompanyId = filter.Company?.Id,
            ProjectId = filter.Project?.Id,
            CategoryId = filter.Category?.Id,
            Status = filter.Status,
            Overdue = filter.OverdueOnly ? new OverdueOptions(now) : null,
            Order = order,
            Page = page,
        }, cancellationToken);

        var results = result.Items.Select(hit => View(hit, query)).ToList();
        metrics.Searched(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return new SearchPageModel(catalog, filter, query, order, results, result.Page, result.HasMore);
    }

    private static SearchResultView View(SearchHit hit, SearchQuery query)
    {
        var title = PersonalDataMasker.Mask(hit.Thread.Title);
        // The first text holding a word, masked as it goes: the replies after it are neither masked nor read.
        var source = hit.Replies.Prepend(hit.Body).Select(PersonalDataMasker.Mask).FirstOrDefault(t => SearchHighlighter.Contains(t, query))
            ?? PersonalDataMasker.Mask(hit.Body);
        var snippet = SearchHighlighter.Snippet(source, query);
        var numberMatched = query.Clauses.Any(c => c.Terms is [var term] && term == SearchTokenizer.ThreadNumberTerm(hit.Thread.Id));
        return new SearchResultView(hit.Thread with { Title = title }, SearchHighlighter.Highlight(title, query), SearchHighlighter.Highlight(snippet, query), numberMatched);
    }
}
