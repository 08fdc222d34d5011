using System.Device.Gpio;
using System.Threading;

namespace NanoTcp.Enc28j60.Device
{
    /// <summary><see cref="IResetPin"/> over a GPIO output wired to the ENC28J60 RESET pin (active low).</summary>
    public sealed class GpioResetPin : IResetPin
    {
        private readonly GpioPin _pin;

        /// <summary>Opens <paramref name="pinNumber"/> as an output, idle high.</summary>
        /// <param name="gpio">The GPIO controller.</param>
        /// <param name="pinNumber">GPIO wired to RESET.</param>
        public GpioResetPin(GpioController gpio, int pinNumber)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(PinValue.High);
        }

        /// <inheritdoc />
        public void Pulse()
        {
            // tRSTLOW is 400 ns; a 1 ms sleep is far above it and costs nothing at start-up.
            _pin.Write(PinValue.Low);
            Thread.Sleep(1);
            _pin.Write(PinValue.High);
        }
    }
}
