using System.Threading;
using nanoFramework.Hardware.Esp32;

namespace NanoTcp.Enc28j60.Device
{
    /// <summary>
    /// <see cref="IMicrosecondClock"/> on the ESP32 high-resolution timer (microseconds since boot, monotonic).
    /// Delays of a millisecond or more sleep; shorter ones spin on the timer.
    /// </summary>
    public sealed class Esp32MicrosecondClock : IMicrosecondClock
    {
        /// <inheritdoc />
        public long NowMicroseconds => (long)HighResTimer.GetCurrent();

        /// <inheritdoc />
        public void Delay(int microseconds)
        {
            if (microseconds >= 1000)
            {
                Thread.Sleep((microseconds + 999) / 1000);
                return;
            }

            long until = NowMicroseconds + microseconds;
            while (NowMicroseconds < until)
            {
            }
        }
    }
}
