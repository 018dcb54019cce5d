using Forum.Core.Companies;
using Microsoft.Extensions.Caching.Memory;

namespace Forum.Web.Configuration;

/// <summary>
/// Companies, projects and categories change rarely and are on every page (filters, names), so they are read once a
/// minute rather than on every request.
/// </summary>
public sealed class CatalogCache(ICompanyRepository companies, IMemoryCache cache)
{
    private static readonly object Key = new();

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<Catalog> GetAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync(Key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return new Catalog(
                await companies.ListCompaniesAsync(cancellationToken),
                await companies.ListProjectsAsync(cancellationToken),
                await companies.ListCategoriesAsync(cancellationToken));
        }))!;

    public void Invalidate() => cache.Remove(Key);
}
