using Forum.Core.Accounts;
using Forum.Data.Accounts;

namespace Forum.Tests.Data.Accounts;

/// <summary>The server-side sessions on a real database: what makes a session alive, and what ends it.</summary>
public class SessionRepositoryTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private static async Task<long> UserWithStampAsync(TestData data, string stamp)
    {
        var id = await data.UserAsync("会话用户");
        await data.ScalarAsync<int>("UPDATE Users SET SecurityStamp = @Stamp WHERE Id = @Id", new { Stamp = stamp, Id = id });
        return id;
    }

    private static SessionRecord Session(long userId, string stamp, DateTime? expiresAt, byte ticket = 1) =>
        new("key-" + Guid.NewGuid().ToString("N"), userId, stamp, [ticket, 2, 3], Now, expiresAt);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task FindLiveTicket_OnlyWhileTheRowExists_UnexpiredWithTheUsersStamp_AndTheUserActive(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var sessions = new SessionRepository(test.Database);
        var userId = await UserWithStampAsync(data, "stamp-1");
        var live = Session(userId, "stamp-1", Now.AddDays(14));
        var expired = Session(userId, "stamp-1", Now.AddMinutes(-1));
        var browserOnly = Session(userId, "stamp-1", null);
        var signedOut = Session(userId, "stamp-1", Now.AddDays(14));
        foreach (var session in new[] { live, expired, browserOnly, signedOut })
        {
            await sessions.CreateAsync(session, Now.AddMinutes(-2));
        }

        await sessions.DeleteAsync(signedOut.Id);

        Assert.Equal(live.Ticket, await sessions.FindLiveTicketAsync(live.Id, Now));
        Assert.Equal(browserOnly.Ticket, await sessions.FindLiveTicketAsync(browserOnly.Id, Now));
        Assert.Null(await sessions.FindLiveTicketAsync(expired.Id, Now));
        Assert.Null(await sessions.FindLiveTicketAsync(signedOut.Id, Now));
        Assert.Null(await sessions.FindLiveTicketAsync("no-such-key", Now));

        await data.ScalarAsync<int>("UPDATE Users SET SecurityStamp = 'stamp-2' WHERE Id = @Id", new { Id = userId });
        Assert.Null(await sessions.FindLiveTicketAsync(live.Id, Now));

        await data.ScalarAsync<int>("UPDATE Users SET SecurityStamp = 'stamp-1', IsActive = 0 WHERE Id = @Id", new { Id = userId });
        Assert.Null(await sessions.FindLiveTicketAsync(live.Id, Now));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Renew_TakesTheNewStamp_ButNeverBringsADeletedSessionBack(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var sessions = new SessionRepository(test.Database);
        var userId = await UserWithStampAsync(data, "old");
        var kept = Session(userId, "old", Now.AddDays(1));
        var gone = Session(userId, "old", Now.AddDays(1));
        await sessions.CreateAsync(kept, Now);
        await sessions.CreateAsync(gone, Now);
        await sessions.DeleteAsync(gone.Id);
        await data.ScalarAsync<int>("UPDATE Users SET SecurityStamp = 'new' WHERE Id = @Id", new { Id = userId });

        await sessions.RenewAsync(kept with { SecurityStamp = "new", Ticket = [9], ExpiresAt = Now.AddDays(14) });
        await sessions.RenewAsync(gone with { SecurityStamp = "new", Ticket = [9] });

        Assert.Equal([9], await sessions.FindLiveTicketAsync(kept.Id, Now.AddDays(7)));
        Assert.Null(await sessions.FindLiveTicketAsync(gone.Id, Now));
        Assert.Equal(1, await sessions.DeleteAllForUserAsync(userId));
        Assert.Null(await sessions.FindLiveTicketAsync(kept.Id, Now));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Create_SweepsTheUsersExpiredSessions(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var sessions = new SessionRepository(test.Database);
        var userId = await UserWithStampAsync(data, "s");
        await sessions.CreateAsync(Session(userId, "s", Now.AddHours(-1)), Now.AddHours(-2));

        await sessions.CreateAsync(Session(userId, "s", Now.AddDays(1)), Now);

        Assert.Equal(1, await data.ScalarAsync<int>("SELECT COUNT(*) FROM Sessions WHERE UserId = @Id", new { Id = userId }));
    }
}
