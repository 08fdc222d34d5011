namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// The driver's only source of time: a monotonic microsecond counter and a delay. It bounds every wait
    /// (SRC settling, MII BUSY, transmit completion) so nothing can hang. Tests pass the emulator's virtual clock;
    /// on the device it maps to the ESP32 high-resolution timer and <c>Thread.Sleep</c>.
    /// </summary>
    public interface IMicrosecondClock
    {
        /// <summary>Microseconds since an arbitrary origin; never goes backwards.</summary>
        long NowMicroseconds { get; }

        /// <summary>Waits at least <paramref name="microseconds"/> µs.</summary>
        void Delay(int microseconds);
    }
}
