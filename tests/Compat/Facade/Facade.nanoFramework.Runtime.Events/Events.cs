// Facade of nanoFramework.Runtime.Events (subset: what System.Device.Gpio's public surface needs).
namespace nanoFramework.Runtime.Events
{
    public class BaseEvent
    {
        public byte Message;
        public ushort Source;
    }
}
