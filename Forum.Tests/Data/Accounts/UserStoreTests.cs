using Forum.Core.Accounts;
using Forum.Data.Accounts;
using Forum.Data.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Data.Accounts;

/// <summary>ASP.NET Core Identity's UserManager over the Dapper store, on a real database.</summary>
public class UserStoreTests
{
    private static ServiceProvider Identity(ForumDatabase database)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddIdentityCore<ForumUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddUserStore<UserStore>()
            .AddDefaultTokenProviders();
        return services.BuildServiceProvider();
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task CreateFindCheckPassword_AndRoles(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await using var services = Identity(test.Database);
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();

        var created = await users.CreateAsync(new ForumUser { Email = "Mixed.Case@Example.com", DisplayName = "业主甲" }, "Pass-word-1");
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code + " " + e.Description)));
        var found = await users.FindByEmailAsync("mixed.case@example.com");
        await users.AddToRoleAsync(found!, ForumRoles.Homeowner);
        await users.AddToRoleAsync(found!, ForumRoles.Homeowner);

        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        Assert.NotNull(found);
        Assert.Equal(("业主甲", "MIXED.CASE@EXAMPLE.COM", false), (found.DisplayName, found.NormalizedEmail, found.EmailConfirmed));
        Assert.True(await users.CheckPasswordAsync(found, "Pass-word-1"));
        Assert.False(await users.CheckPasswordAsync(found, "Pass-word-2"));
        Assert.Equal([ForumRoles.Homeowner], await users.GetRolesAsync(found));
        Assert.True(await users.IsInRoleAsync(found, "HOMEOWNER"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task DuplicateEmail_IsRefused(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await using var services = Identity(test.Database);
        var users = services.CreateScope().ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        await users.CreateAsync(new ForumUser { Email = "same@example.com", DisplayName = "甲" }, "Pass-word-1");

        var again = await users.CreateAsync(new ForumUser { Email = "SAME@example.com", DisplayName = "乙" }, "Pass-word-1");

        Assert.False(again.Succeeded);
        Assert.Contains(again.Errors, e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Lockout_AndConfirmationToken_ArePersisted(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await using var services = Identity(test.Database);
        var users = services.CreateScope().ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        await users.CreateAsync(new ForumUser { Email = "lock@example.com", DisplayName = "甲" }, "Pass-word-1");
        var user = (await users.FindByEmailAsync("lock@example.com"))!;

        for (var i = 0; i < 5; i++)
        {
            await users.AccessFailedAsync(user);
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var reloaded = (await users.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        var confirmed = await users.ConfirmEmailAsync(reloaded, token);

        Assert.True(await users.IsLockedOutAsync(reloaded));
        Assert.NotNull(reloaded.LockoutEnd);
        Assert.True(confirmed.Succeeded);
        Assert.True((await users.FindByEmailAsync("lock@example.com"))!.EmailConfirmed);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task UpdateWithAStaleCopy_FailsWithConcurrencyFailure(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await using var services = Identity(test.Database);
        var users = services.CreateScope().ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        await users.CreateAsync(new ForumUser { Email = "race@example.com", DisplayName = "甲" }, "Pass-word-1");
        var a = (await users.FindByEmailAsync("race@example.com"))!;
        var b = (await users.FindByEmailAsync("race@example.com"))!;

        a.DisplayName = "乙";
        var first = await users.UpdateAsync(a);
        b.DisplayName = "丙";
        var second = await users.UpdateAsync(b);

        Assert.True(first.Succeeded);
        Assert.Contains(second.Errors, e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
        Assert.Equal("乙", (await users.FindByEmailAsync("race@example.com"))!.DisplayName);
    }
}
