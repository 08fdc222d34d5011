// Facade of nanoFramework.System.Device.Gpio 1.1.62 (subset of the real listing).
namespace System.Device.Gpio
{
    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public void ClosePin(int pinNumber) => throw null;
        public void Dispose() => throw null;
        public bool IsPinOpen(int pinNumber) => throw null;
        public GpioPin OpenPin(int pinNumber) => throw null;
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw null;
        public PinValue Read(int pinNumber) => throw null;
        public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) => throw null;
        public void SetPinMode(int pinNumber, PinMode mode) => throw null;
        public void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) => throw null;
        public void Write(int pinNumber, PinValue value) => throw null;
    }

    public sealed class GpioPin : IDisposable
    {
        internal GpioPin() { }
        public int PinNumber => throw null;
        public event PinValueChangedEventHandler ValueChanged { add => throw null; remove => throw null; }
        public void Dispose() => throw null;
        public PinMode GetPinMode() => throw null;
        public PinValue Read() => throw null;
        public void SetPinMode(PinMode value) => throw null;
        public void Toggle() => throw null;
        public void Write(PinValue value) => throw null;
        ~GpioPin() { }
    }

    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    [Flags]
    public enum PinEventTypes { None = 0, Rising = 1, Falling = 2 }

    public enum PinMode
    {
        Input = 0,
        InputPullDown = 1,
        InputPullUp = 2,
        Output = 3,
        OutputOpenDrain = 4,
        OutputOpenDrainPullUp = 5,
        OutputOpenSource = 6,
        OutputOpenSourcePullDown = 7,
    }

    public readonly struct PinValue
    {
        public static PinValue High => throw null;
        public static PinValue Low => throw null;
        public bool Equals(PinValue other) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
        public override string ToString() => throw null;
        public static bool operator ==(PinValue a, PinValue b) => throw null;
        public static bool operator !=(PinValue a, PinValue b) => throw null;
        public static explicit operator bool(PinValue value) => throw null;
        public static explicit operator byte(PinValue value) => throw null;
        public static explicit operator int(PinValue value) => throw null;
        public static implicit operator PinValue(bool value) => throw null;
        public static implicit operator PinValue(int value) => throw null;
    }

    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { }
        public PinEventTypes ChangeType => throw null;
        public int PinNumber => throw null;
    }
}
