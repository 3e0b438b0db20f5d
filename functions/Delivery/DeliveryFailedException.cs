namespace VillageReports.Delivery;

/// <summary>The webhook kept refusing; the queue retries the message, and the last retry poisons it.</summary>
public sealed class DeliveryFailedException : Exception
{
    public DeliveryFailedException(string message) : base(message)
    {
    }
}
