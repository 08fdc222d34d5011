using System.Device.Gpio;
using System.Threading;

namespace NanoTcp.Enc28j60.Device
{
    /// <summary>
    /// <see cref="IInterruptPin"/> over a GPIO input wired to the ENC28J60 INT pin (active low). Falling edges are
    /// latched from the GPIO event thread; <see cref="Signal"/> lets the firmware sleep until one arrives.
    /// </summary>
    public sealed class GpioInterruptPin : IInterruptPin
    {
        private readonly GpioPin _pin;
        private int _edgeLatched;

        /// <summary>Opens <paramref name="pinNumber"/> as an input with pull-up and listens for falling edges.</summary>
        /// <param name="gpio">The GPIO controller.</param>
        /// <param name="pinNumber">GPIO wired to INT.</param>
        public GpioInterruptPin(GpioController gpio, int pinNumber)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.InputPullUp);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>Set on every falling edge; wait on it to sleep until the chip needs service.</summary>
        public AutoResetEvent Signal { get; } = new AutoResetEvent(false);

        /// <inheritdoc />
        public bool TakeFallingEdge()
        {
            return Interlocked.Exchange(ref _edgeLatched, 0) != 0;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == PinEventTypes.Falling)
            {
                Interlocked.Exchange(ref _edgeLatched, 1);
                Signal.Set();
            }
        }
    }
}
