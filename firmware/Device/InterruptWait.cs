using System;
using System.Threading;
using NanoTcp.Enc28j60.Device;
using NanoTcp.Sockets;

namespace NanoTcp.Firmware.Device
{
    /// <summary>
    /// Sleeps until the application's next deadline or until the ENC28J60 pulls INT low (a frame or another event
    /// is pending), whichever comes first. The INT level is polled once per millisecond through the driver's
    /// <see cref="GpioInterruptPin"/> (a plain input: INT is push-pull, so input-only GPIOs 34–39 work), which allocates nothing — unlike a GPIO value-changed callback, which allocates an
    /// event-args object per edge (nanoframework/System.Device.Gpio: GpioController.cs @ v1.1.62). Without an INT pin the sleep is capped so that
    /// received frames are picked up within <see cref="MaxSleepWithoutInterruptMs"/>.
    /// It is also the application pump's sleeper: <see cref="Wake"/> (another thread queued work) ends the sleep.
    /// </summary>
    public sealed class InterruptWait : INetworkPumpSleeper
    {
        /// <summary>Longest sleep when no INT pin is wired.</summary>
        public const int MaxSleepWithoutInterruptMs = 2;

        private readonly GpioInterruptPin _interrupt;
        private int _woken;

        /// <summary>Waits on <paramref name="interrupt"/>, or only on the clock when it is null (INT not wired).</summary>
        public InterruptWait(GpioInterruptPin interrupt)
        {
            _interrupt = interrupt;
        }

        /// <inheritdoc />
        public long NowMs => Environment.TickCount64;

        /// <inheritdoc />
        public void Sleep(long deadlineMs) => Until(deadlineMs);

        /// <inheritdoc />
        public void Wake() => Interlocked.Exchange(ref _woken, 1);

        /// <summary>True while the chip asserts INT (active low).</summary>
        public bool Pending => _interrupt != null && _interrupt.Asserted;

        /// <summary>Returns at <paramref name="deadlineMs"/> (Environment.TickCount64 clock) or as soon as INT is low.</summary>
        public void Until(long deadlineMs)
        {
            long now = Environment.TickCount64;
            if (_interrupt == null)
            {
                long limit = now + MaxSleepWithoutInterruptMs;
                if (deadlineMs > limit) deadlineMs = limit;
            }
            while (now < deadlineMs && !Pending && Interlocked.Exchange(ref _woken, 0) == 0)
            {
                Thread.Sleep(1);
                now = Environment.TickCount64;
            }
        }
    }
}
