using System.Threading;
using nanoFramework.Hardware.Esp32;
using NanoTcp.Enc28j60;

namespace NanoTcp.Boards.Device
{
    /// <summary>
    /// The ENC28J60 driver's <see cref="IMicrosecondClock"/> on the ESP32: <c>HighResTimer.GetCurrent()</c>, the
    /// ESP32's microsecond counter since boot (monotonic). Short delays (a frame's wire time, MII BUSY) spin on it,
    /// because <c>Thread.Sleep(1)</c> would stretch a 1.2 ms wait to 2 ms or more; longer ones (reset settling) sleep.
    /// nanoFramework on ESP32 only: on another target, implement <see cref="IMicrosecondClock"/> over that target's
    /// timer.
    /// </summary>
    public sealed class Esp32MicrosecondClock : IMicrosecondClock
    {
        /// <summary>Delays from this length on sleep instead of spinning.</summary>
        private const int SleepThresholdMicroseconds = 2000;

        /// <inheritdoc />
        public long NowMicroseconds => (long)HighResTimer.GetCurrent();

        /// <inheritdoc />
        public void Delay(int microseconds)
        {
            if (microseconds >= SleepThresholdMicroseconds)
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
