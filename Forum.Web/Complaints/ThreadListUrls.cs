using System.Globalization;
using Forum.Core.Complaints;
using Microsoft.AspNetCore.WebUtilities;

namespace Forum.Web.Complaints;

/// <summary>Builds the links of a thread list (paging) keeping the filters that were understood.</summary>
public sealed class ThreadListUrls(string path, ThreadListFilter filter, bool includeCompany = true, bool includeProject = true)
{
    public string With(long? before = null, long? after = null)
    {
        var query = new Dictionary<string, string?>();
        if (includeCompany && filter.Company is { } company)
        {
            query["company"] = company.Slug;
        }

        if (includeProject && filter.Project is { } project)
        {
            query["project"] = project.Slug;
        }

        if (filter.Category is { } category)
        {
            query["category"] = category.Code;
        }

        if (filter.Status is { } status)
        {
            query["status"] = status.ToSlug();
        }
        else if (filter.OverdueOnly)
        {
            query["status"] = ThreadListFilter.OverdueSlug;
        }

        if (before is { } b)
        {
            query["before"] = b.ToString(CultureInfo.InvariantCulture);
        }

        if (after is { } a)
        {
            query["after"] = a.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString(path, query);
    }
}
