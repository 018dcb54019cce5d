namespace Forum.Core.Companies;

/// <summary>Reads companies, projects and categories: the small, rarely changing catalogue the pages filter by.</summary>
public interface ICompanyRepository
{
    /// <summary>All companies, headquarters first, then local companies in their display order.</summary>
    Task<IReadOnlyList<Company>> ListCompaniesAsync(CancellationToken cancellationToken = default);

    /// <summary>All projects, ordered by company then name.</summary>
    Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Complaints.Category>> ListCategoriesAsync(CancellationToken cancellationToken = default);
}
