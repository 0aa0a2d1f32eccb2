using System.Globalization;
using Npgsql;

namespace Vrps.Bench.AmenityBurst;

/// <summary>
/// The best plain-SQL design for one hot slot with the amenity's semantics: one statement (so one round trip and one
/// transaction) per booking, from a pool of 64 connections. The slot row's lock serialises bookings; the booking takes a
/// place while one is free and nobody waits, otherwise it joins the waitlist at the position the slot row counts.
/// </summary>
internal static class SqlBookingBaseline
{
    public const int Connections = 64;

    // SET reads the row's old values in both expressions. A confirmed booking leaves the waiting counter at 0, a
    // waitlisted one moves it to at least 1, so the new counter says which branch was taken.
    private const string Book = """
        WITH slot AS (
            UPDATE bench_slot
               SET booked  = booked  + CASE WHEN booked < capacity AND waiting = 0 THEN 1 ELSE 0 END,
                   waiting = waiting + CASE WHEN booked < capacity AND waiting = 0 THEN 0 ELSE 1 END
             WHERE id = 1
            RETURNING waiting)
        INSERT INTO bench_booking (id, slot_id, unit_no, status, position)
        SELECT @id, 1, @unit, CASE WHEN waiting = 0 THEN 'confirmed' ELSE 'waitlisted' END, NULLIF(waiting, 0) FROM slot
        RETURNING status, position
        """;

    public static async Task<(LoadResult Load, BookingOutcome?[] Outcomes, BurstCheck Stored)> RunAsync(
        string connectionString, int bookings, int capacity, string mode, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = Connections;

        // Every booking is issued at once and waits for one of the 64 connections, as silo calls wait in the mailbox.
        builder.ConnectionStringBuilder.Timeout = 300;
        builder.ConnectionStringBuilder.MaxAutoPrepare = 4;
        await using var dataSource = builder.Build();
        await using (var setup = dataSource.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE bench_slot (id int PRIMARY KEY, capacity int NOT NULL, booked int NOT NULL, waiting int NOT NULL);
            CREATE TABLE bench_booking (id uuid PRIMARY KEY, slot_id int NOT NULL, unit_no int NOT NULL, status text NOT NULL, position int,
                created_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO bench_slot VALUES (1, {capacity}, 0, 0);
            """)))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var (load, outcomes) = await BookingBurst.RunAsync(bookings, async i =>
        {
            var id = Guid.NewGuid();
            await using var command = dataSource.CreateCommand(Book);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("unit", i);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("the booking statement returned no row");
            }

            return (id, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
        }).ConfigureAwait(false);

        // What is stored must be what was answered: every booking's row, with its status and position.
        var stored = new Dictionary<Guid, (string Status, int? Position)>();
        await using (var read = dataSource.CreateCommand("SELECT id, status, position FROM bench_booking"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored[reader.GetGuid(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2));
            }
        }

        var answered = outcomes.OfType<BookingOutcome>().ToList();
        var differ = answered.Count(o => !stored.TryGetValue(o.BookingId, out var row) || row.Status != o.Status || row.Position != o.Position);
        var check = new BurstCheck(mode, "stored rows equal the answers", differ == 0 && stored.Count == answered.Count,
            string.Create(CultureInfo.InvariantCulture, $"{stored.Count:N0} rows, {differ:N0} differ from their answer"));
        return (load, outcomes, check);
    }
}
