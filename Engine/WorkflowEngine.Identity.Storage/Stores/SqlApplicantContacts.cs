using Dapper;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>applicant_contacts</c> table, read; <see cref="SqlRegistrationCodes"/> writes it as the account is made.</summary>
public sealed class SqlApplicantContacts(Database database) : IApplicantContacts
{
    public async Task<ApplicantContact?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT mobile AS Mobile, email AS Email FROM applicant_contacts WHERE user_id = @UserId",
            new { UserId = userId },
            cancellationToken: cancellationToken));
        return row is null ? null : new ApplicantContact(row.Mobile, row.Email);
    }

    private sealed class Row
    {
        public string Mobile { get; set; } = "";

        public string? Email { get; set; }
    }
}
