using Dapper;
using Forum.Core.Accounts;
using Forum.Data.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Data.Demo;

public class DemoAccountsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private sealed class Signer
    {
        public long Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string? Email { get; init; }
        public bool EmailConfirmed { get; init; }
        public string? PasswordHash { get; init; }
        public long? CompanyId { get; init; }
        public long ShownCompanyId { get; init; }
        public string? Role { get; init; }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Seeded_EveryoneWhoSignsAnOfficialReply_CanSignInAsStaffOfThatCompany(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await new DemoDataSeeder(test.Database, new FakeTimeProvider(Now)).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);

        var signers = (await connection.QueryAsync<Signer>("""
            SELECT DISTINCT u.Id, u.DisplayName, u.Email, u.EmailConfirmed, u.PasswordHash, u.CompanyId, o.CompanyId AS ShownCompanyId, r.Role
            FROM Posts o
            JOIN Users u ON u.Id = o.AuthorId
            LEFT JOIN UserRoles r ON r.UserId = u.Id
            WHERE o.Kind IN ('OfficialReply', 'Solution')
            """)).ToList();
        var localCompanies = (await connection.QueryAsync<long>("SELECT Id FROM Companies WHERE Kind = 'Local'")).ToList();
        var hasher = new PasswordHasher<ForumUser>();

        Assert.Equal(5, signers.Select(s => s.Id).Distinct().Count());
        Assert.All(signers, s =>
        {
            Assert.NotNull(s.Email);
            Assert.True(s.EmailConfirmed, s.DisplayName);
            Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(new ForumUser { Id = s.Id }, s.PasswordHash!, DemoContent.DemoPassword));
            Assert.Equal(s.CompanyId is null ? ForumRoles.HqStaff : ForumRoles.LocalStaff, s.Role);
            Assert.True(s.CompanyId is null || s.CompanyId == s.ShownCompanyId, $"{s.DisplayName} answers for another company");
        });
        Assert.Equal(localCompanies.Order(), signers.Where(s => s.Role == ForumRoles.LocalStaff).Select(s => s.CompanyId!.Value).Distinct().Order());
    }
}
