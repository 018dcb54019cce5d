using Dapper;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Companies;

public sealed class CompanyRepository(ForumDatabase database) : ICompanyRepository
{
    private const string ListCompaniesSql = """
        SELECT Id, Slug, Kind, Name, NameEn
        FROM Companies
        ORDER BY CASE WHEN Kind = 'Headquarters' THEN 0 ELSE 1 END, SortOrder, Id
        """;

    public async Task<IReadOnlyList<Company>> ListCompaniesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CompanyRow>(new CommandDefinition(ListCompaniesSql, cancellationToken: cancellationToken));
        return rows.Select(r => new Company(r.Id, r.Slug, Enum.Parse<CompanyKind>(r.Kind), r.Name, r.NameEn)).ToList();
    }

    private const string ListProjectsSql = """
        SELECT p.Id, p.CompanyId, p.Slug, p.Name, p.NameEn, p.City
        FROM Projects p
        JOIN Companies c ON c.Id = p.CompanyId
        ORDER BY c.SortOrder, c.Id, p.Id
        """;

    public async Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProjectRow>(new CommandDefinition(ListProjectsSql, cancellationToken: cancellationToken));
        return rows.Select(r => new Project(r.Id, r.CompanyId, r.Slug, r.Name, r.NameEn, r.City)).ToList();
    }

    private const string ListCategoriesSql = """
        SELECT Id, Code, Name, NameEn
        FROM Categories
        ORDER BY SortOrder, Id
        """;

    public async Task<IReadOnlyList<Category>> ListCategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CategoryRow>(new CommandDefinition(ListCategoriesSql, cancellationToken: cancellationToken));
        return rows.Select(r => new Category(r.Id, r.Code, r.Name, r.NameEn)).ToList();
    }

    private sealed record CompanyRow(long Id, string Slug, string Kind, string Name, string NameEn);

    private sealed record ProjectRow(long Id, long CompanyId, string Slug, string Name, string NameEn, string City);

    private sealed record CategoryRow(long Id, string Code, string Name, string NameEn);
}
