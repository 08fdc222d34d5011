using System.Device.Gpio;

namespace NanoTcp.Enc28j60.Device
{
    /// <summary>
    /// <see cref="IInterruptPin"/> over a GPIO input wired to the ENC28J60 INT pin (active low, push-pull, so input-only
    /// GPIOs 34–39 work). A level adapter: it reports "service needed" while INT is low. It reads the pin instead of
    /// subscribing to <c>GpioPin.ValueChanged</c> because nanoFramework allocates an event-args object per delivered
    /// GPIO event (nanoframework/System.Device.Gpio: GpioController.cs @ v1.1.62); the driver's INTIE toggling keeps it correct either way.
    /// </summary>
    public sealed class GpioInterruptPin : IInterruptPin
    {
        private readonly GpioPin _pin;

        /// <summary>Opens <paramref name="pinNumber"/> as a plain input.</summary>
        /// <param name="gpio">The GPIO controller.</param>
        /// <param name="pinNumber">GPIO wired to INT.</param>
        public GpioInterruptPin(GpioController gpio, int pinNumber)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.Input);
        }

        /// <summary>True while the chip asserts INT; the firmware may poll it to end a sleep early.</summary>
        public bool Asserted => _pin.Read() == PinValue.Low;

        /// <inheritdoc />
        public bool TakeFallingEdge()
        {
            return Asserted;
        }
    }
}
