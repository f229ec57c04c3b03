namespace WorkflowEngine.Core.Model;

/// <summary>结果送达: how an applicant may receive the licences and decisions of a service.</summary>
public enum ResultDelivery
{
    /// <summary>窗口领取: collected at the window.</summary>
    Window,

    /// <summary>邮寄送达: posted free of charge (EMS).</summary>
    Post,

    /// <summary>电子证照: issued as electronic licences, valid like the paper ones.</summary>
    Electronic,
}
