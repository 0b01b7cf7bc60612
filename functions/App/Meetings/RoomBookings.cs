using Hntt.Domain.Meetings;

namespace Hntt.App.Meetings;

/// <summary>Reading the bookings a request is checked against, the same way wherever a meeting is planned or moved.</summary>
public static class RoomBookings
{
    /// <summary>The bookings in the request's booking window (<see cref="MeetingPlanner.BookingWindow"/>).</summary>
    public static Task<IReadOnlyList<RoomBooking>> AroundAsync(this IMeetingStore store, MeetingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (fromUtc, toUtc) = MeetingPlanner.BookingWindow(request);
        return store.ReadBookingsAsync(fromUtc, toUtc, cancellationToken);
    }
}
