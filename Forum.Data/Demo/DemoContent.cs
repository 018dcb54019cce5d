using Forum.Core.Accounts;
using Forum.Core.Escalation;
using Forum.Core.Companies;
using Forum.Core.Complaints;

namespace Forum.Data.Demo;

// The demo companies, projects, people and complaints (shapes in DemoModel.cs). Ages are offsets from "now" when the
// seeder runs: some threads are minutes old, some have waited past the 3 h and 12 h deadlines, some are weeks old.
internal static class DemoContent
{
    public static readonly DemoCompany[] Companies =
    [
        new("hq", CompanyKind.Headquarters, "集团总部", "Group Headquarters"),
        new("shenzhen", CompanyKind.Local, "深圳公司", "Shenzhen Company"),
        new("shanghai", CompanyKind.Local, "上海公司", "Shanghai Company"),
        new("beijing", CompanyKind.Local, "北京公司", "Beijing Company"),
        new("guangzhou", CompanyKind.Local, "广州公司", "Guangzhou Company"),
    ];

    public static readonly DemoProject[] Projects =
    [
        new("shenzhen", "sz-bayview-garden", "湾景花园", "Bayview Garden", "深圳"),
        new("shenzhen", "sz-qianhai-yuefu", "前海悦府", "Qianhai Yuefu", "深圳"),
        new("shenzhen", "sz-longgang-jinyu", "锦御华庭", "Jinyu Court", "深圳"),
        new("shenzhen", "sz-nanshan-yunzhu", "南山云著", "Nanshan Yunzhu", "深圳"),
        new("shenzhen", "sz-guangming-tianyue", "光明天悦", "Guangming Tianyue", "深圳"),
        new("shanghai", "sh-binjiang-one", "滨江壹号", "Riverside One", "上海"),
        new("shanghai", "sh-pudong-xiyuan", "浦东溪苑", "Pudong Creek Garden", "上海"),
        new("shanghai", "sh-hongqiao-yunjing", "虹桥云境", "Hongqiao Cloud Vista", "上海"),
        new("shanghai", "sh-jiading-huating", "嘉定华庭", "Jiading Grand Court", "上海"),
        new("beijing", "bj-chaoyang-yufu", "朝阳御府", "Chaoyang Yufu", "北京"),
        new("beijing", "bj-yizhuang-jiayuan", "亦庄嘉园", "Yizhuang Jiayuan", "北京"),
        new("beijing", "bj-shunyi-lanting", "顺义澜庭", "Shunyi Lanting", "北京"),
        new("beijing", "bj-changping-linyu", "西山林语", "Xishan Linyu", "北京"),
        new("guangzhou", "gz-zhujiang-yuefu", "珠江悦府", "Pearl River Yuefu", "广州"),
        new("guangzhou", "gz-panyu-jinmao", "锦茂花园", "Jinmao Garden", "广州"),
        new("guangzhou", "gz-huangpu-yuncheng", "黄埔云城", "Huangpu Cloud City", "广州"),
        new("guangzhou", "gz-baiyun-shanshui", "白云山水苑", "Baiyun Shanshui Court", "广州"),
    ];

    public static readonly DemoCategory[] Categories =
    [
        new("engineering", "工程质量", "Engineering quality"),
        new("property", "物业管理", "Property management"),
        new("sales", "销售与合同", "Sales and contract"),
        new("design", "设计与配套", "Design and amenities"),
        new("fees", "收费", "Fees"),
        new("other", "其他", "Other"),
    ];

    public static readonly DemoStaff[] Staff =
    [
        new("hq-staff", "集团客户关系中心 李主任", "hq"),
        new("sz-staff", "深圳公司客服 王经理", "shenzhen"),
        new("sh-staff", "上海公司客服 陈经理", "shanghai"),
        new("bj-staff", "北京公司客服 赵经理", "beijing"),
        new("gz-staff", "广州公司客服 黄经理", "guangzhou"),
    ];

    public static readonly DemoHomeowner[] Homeowners =
    [
        new("h1", "湾景业主小陈"),
        new("h2", "滨江3栋业主"),
        new("h3", "前海悦府老周"),
        new("h4", "亦庄嘉园张女士"),
        new("h5", "广州阿May"),
        new("h6", "上海新业主Kevin"),
        new("h7", "北京老刘"),
        new("h8", "黄埔云城小林"),
        new("h9", "深圳业主Lily"),
        new("h10", "嘉定华庭2期业主"),
    ];

    public static readonly DemoThread[] Threads =
    [
        // ---------------------------------------------------------------- 深圳公司
        new("sz-bayview-garden", "engineering", "h1", TimeSpan.FromDays(20),
            "湾景花园5栋多户外墙渗水，雨后客厅墙面发霉",
            "5栋从12楼到20楼，已经有十几户反映下雨后外墙渗水，客厅和主卧靠外墙一侧的墙面起皮发霉。我家是5栋1203，上周连下三天雨，踢脚线位置都泡软了。\n\n交房才半年就这样，请开发商给个说法，不要每次都让物业来刷一遍腻子了事。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromMinutes(70), "sz-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈，给您添麻烦了。5栋外墙渗水情况已同步上报集团客户关系中心，已安排工程部和总包单位明天上午到5栋逐户排查，届时请家中留人。"),
                new(TimeSpan.FromHours(3), "h9", PostKind.HomeownerReply, "帮亲戚顶一下，5栋1502也是同样情况，已经是第二次渗水了。"),
                new(TimeSpan.FromHours(9), "sz-staff", PostKind.Solution,
                    "经工程部与总包单位现场排查，5栋12至20层共14户外墙窗边及空调板根部防水存在薄弱点。整改方案：吊篮施工，对窗框四周重新打胶，空调板根部加做防水层；室内受损墙面铲除后重新做腻子和乳胶漆。外墙施工约10个工作日，室内修复逐户预约，费用全部由我司承担。"),
                new(TimeSpan.FromDays(2), "h1", PostKind.HomeownerReply, "方案可以接受，希望按时施工，吊篮作业期间请注意安全。"),
                new(TimeSpan.FromDays(12), "hq-staff", PostKind.OfficialReply,
                    "集团客户关系中心一直在跟进此事。5栋外墙施工已于昨日完成，我们将在下一场大雨后安排复查，请各位业主留意室内情况。"),
                new(TimeSpan.FromDays(14), "h1", PostKind.HomeownerReply, "前两天下大雨，家里墙面没有再渗水，室内也重新刷好了，谢谢。"),
            ],
            ResolutionSummary: "5栋12–20层14户外墙渗水：窗框重新打胶、空调板根部加做防水，室内受损墙面全部修复；雨后复查无渗漏，业主确认。",
            ClosedAfter: TimeSpan.FromDays(15), Rating: new(TimeSpan.FromHours(6), 5, "施工很及时，雨后复查也没再渗水，感谢一直跟进。"), CoSigns: 14),

        new("sz-bayview-garden", "sales", "h1", TimeSpan.FromDays(25),
            "交付的橱柜和合同约定品牌不一致，台面也被换了",
            "购房合同附件的交付标准写的是进口品牌橱柜配石英石台面，收房时发现柜体是另一个牌子，台面也是普通人造石，和样板间差距很大。\n\n请开发商按合同交付标准给出处理方案。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(1), "sz-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。我们已调取您的购房合同及交付标准附件，正在与采购部核实湾景花园精装橱柜的供货情况，今天内给您答复。"),
                new(TimeSpan.FromHours(9), "sz-staff", PostKind.Solution,
                    "经核实，湾景花园一期部分楼栋橱柜因供货原因更换了品牌，但未按规定提前书面告知业主，这是我们的工作失误，向您致歉。方案：一、按合同约定品牌免费更换柜体和台面；二、如您不希望再次施工，按差价给予补偿并将橱柜保修延长至5年。请您选择后告知。"),
                new(TimeSpan.FromDays(2), "h1", PostKind.HomeownerReply, "选择更换，希望尽快安排。"),
                new(TimeSpan.FromDays(16), "sz-staff", PostKind.OfficialReply, "橱柜和台面已于昨日更换完成，请您查验，有问题随时在本帖回复。"),
                new(TimeSpan.FromDays(17), "h1", PostKind.HomeownerReply, "已验收，这次是合同上的品牌，满意。"),
            ],
            ResolutionSummary: "按合同约定品牌免费更换橱柜柜体及石英石台面，业主验收确认；同批次业主已另行书面告知可申请更换。",
            ClosedAfter: TimeSpan.FromDays(18), Rating: new(TimeSpan.FromHours(24), 4, "最后按合同换了品牌，满意；但换品牌不提前告知，希望以后不要再发生。"), CoSigns: 6),

        new("sz-bayview-garden", "fees", "h1", TimeSpan.FromHours(26),
            "湾景花园地下车位月租从500元涨到800元，依据是什么",
            "今天收到物业通知，下个月起地下车位月租从500元涨到800元，事先没有公示，也没有征求业主意见。请问涨价的依据是什么？有没有备案？",
            ThreadStatus.Open,
            [
                new(TimeSpan.FromHours(6), "h9", PostKind.HomeownerReply, "同问，一下涨60%太离谱了。"),
                new(TimeSpan.FromHours(20), "h1", PostKind.HomeownerReply, "一天了还没有人回复吗？"),
            ],
            CoSigns: 9),

        new("sz-qianhai-yuefu", "engineering", "h3", TimeSpan.FromMinutes(35),
            "前海悦府2栋电梯运行时有很大的撞击声",
            "2栋2号电梯这两天上下运行时一直有“哐哐”的撞击声，到15楼左右特别明显，晚上在家都能听到。家里有老人小孩，坐电梯心里发慌。请尽快安排电梯公司检查，确认安全再用。",
            ThreadStatus.Open,
            []),

        new("sz-qianhai-yuefu", "engineering", "h3", TimeSpan.FromDays(6),
            "主卧飘窗一下雨就漏水，打胶后台风天又漏",
            "前海悦府2栋1506，主卧飘窗只要下大雨，窗框下沿就往里渗水，窗台石和下面的墙都湿透了。\n\n之前报修过一次，师傅外面打了一圈胶，这次台风又漏了，希望这次能彻底解决。",
            ThreadStatus.SolutionProposed,
            [
                new(TimeSpan.FromMinutes(80), "sz-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈，给您带来不便非常抱歉。已安排工程部明天上午10点上门查看，请家中留人。"),
                new(TimeSpan.FromHours(23), "sz-staff", PostKind.Solution,
                    "经现场淋水试验，漏点为窗框下沿与结构之间塞缝不密实，单纯外侧打胶无法根治。方案：拆除窗台石，窗框下沿重新发泡塞缝并做防水附加层，外侧重新打耐候胶，完工后淋水24小时验证。施工约两天，请确认您方便的时间。"),
                new(TimeSpan.FromDays(1) + TimeSpan.FromHours(3), "h3", PostKind.HomeownerReply, "可以，这周六、周日家里都有人。"),
            ]),

        new("sz-longgang-jinyu", "engineering", "h3", TimeSpan.FromHours(5),
            "锦御华庭交房三个月，客厅地砖大面积空鼓",
            "帮我爸妈发的，他们住锦御华庭6栋1102。拿空鼓锤敲了一遍，客厅和餐厅有十几块地砖空鼓，其中两块已经开始翘边。验房时就提过，当时说交房后统一处理，到现在没人联系。\n\n请工程部尽快安排时间上门。",
            ThreadStatus.Open,
            [
                new(TimeSpan.FromHours(4), "h3", PostKind.HomeownerReply, "已经过了3个小时还没有人回复，顶一下。"),
            ]),

        new("sz-longgang-jinyu", "engineering", "h3", TimeSpan.FromDays(9),
            "卫生间楼板漏水到楼下，修了一次又漏",
            "还是我爸妈锦御华庭6栋1102的房子。楼下1002反映卫生间天花板一直滴水，确认是我们家主卫漏下去的。楼下邻居已经上门好几次了，老人很为难，请尽快处理。",
            ThreadStatus.Reopened,
            [
                new(TimeSpan.FromHours(2), "sz-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。已安排工程部于明天上午上门查看，并与楼下1002业主一起确认渗水位置，请提前告知两位老人。"),
                new(TimeSpan.FromHours(20), "sz-staff", PostKind.Solution,
                    "经闭水试验，主卫淋浴区墙地交接处防水层破损。方案：拆除淋浴区地砖及墙砖下部30cm，重新做防水并闭水48小时，经您和楼下业主确认无渗漏后再贴砖；楼下天花板由我司负责修复。"),
                new(TimeSpan.FromDays(5), "h3", PostKind.HomeownerReply, "施工完了，闭水试验楼下没渗，先这样。"),
                new(TimeSpan.FromDays(8) + TimeSpan.FromHours(20), "h3", PostKind.HomeownerReply,
                    "才关闭没几天又漏了！昨天楼下1002说天花板又出现水渍，位置和上次差不多。申请重新处理，这次请把原因查清楚。"),
            ],
            ResolutionSummary: "主卫淋浴区防水层重做并闭水48小时，楼下1002天花板修复，业主确认无渗漏后关闭。",
            ClosedAfter: TimeSpan.FromDays(6)),

        new("sz-nanshan-yunzhu", "engineering", "h9", TimeSpan.FromMinutes(90),
            "云著地下车库B1顶板渗水，滴得车上全是水渍",
            "B1靠近3号电梯厅那一排车位，顶板一直在滴水，车顶上全是白色的水渍印，洗都洗不掉。好几个车位都是这样，漏水点下面的地面也是湿的，很容易滑倒。",
            ThreadStatus.Answered,
            [
                new(TimeSpan.FromMinutes(40), "sz-staff", PostKind.OfficialReply,
                    "您好，已收到反馈。已通知物业先在滴水点下方放置接水设施、设置防滑提示并提醒车主挪车；工程部今天到现场查找渗水点，排查结果会在本帖回复。"),
            ],
            CoSigns: 4),

        new("sz-nanshan-yunzhu", "property", "h9", TimeSpan.FromHours(8),
            "车库电动车被偷，监控坏了一个多月没人修",
            "上周六晚上停在地下车库B2的电动车被偷了，找物业调监控，说B2那一段的摄像头坏了一个多月。晚上基本看不到保安巡逻。\n\n物业费每个月交几百块，基本的安全都保证不了吗？",
            ThreadStatus.Open,
            []),

        new("sz-guangming-tianyue", "sales", "h9", TimeSpan.FromDays(3),
            "光明天悦销售承诺的配套学校至今没有动工",
            "买房时销售一再说小区旁边配建一所九年一贯制学校，两年内开学，沙盘上也标着。现在已经交房，学校地块还是一片空地，连围挡都没有。当时是冲着学位买的，请给个明确答复。",
            ThreadStatus.Answered,
            [
                new(TimeSpan.FromHours(5), "sz-staff", PostKind.OfficialReply,
                    "您好，感谢您的反馈，给您带来困扰非常抱歉。关于学校地块，我们已向营销部和政府对接部门核实：该地块为政府规划的教育配套用地，建设进度以教育主管部门安排为准。您的诉求已整理上报，有进一步消息会在本帖第一时间更新。"),
                new(TimeSpan.FromDays(1), "h9", PostKind.HomeownerReply, "这是在推卸责任，销售当时可不是这么说的。请公布当时的宣传资料和合同附件里的说明。"),
            ],
            CoSigns: 7),

        // ---------------------------------------------------------------- 上海公司
        new("sh-binjiang-one", "engineering", "h2", TimeSpan.FromMinutes(12),
            "滨江壹号3栋电梯又困人了，这个月第二次",
            "刚才3栋1号电梯停在8楼和9楼之间，里面困了一位阿姨和小孩，二十多分钟才放出来。这个月已经是第二次了，电梯维保到底有没有在做？",
            ThreadStatus.Open,
            []),

        new("sh-binjiang-one", "engineering", "h2", TimeSpan.FromDays(4),
            "地下车库大面积渗水，墙面和顶板都在漏",
            "滨江壹号地下车库B2从2栋到5栋的通道，墙面和顶板多处渗水，雨天地面积水能没过鞋底，车位里的车也被滴上泥水。\n\n已经有很多业主在群里反映，希望开发商整体处理，而不是哪里漏补哪里。",
            ThreadStatus.SolutionProposed,
            [
                new(TimeSpan.FromHours(2), "sh-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。地下车库渗水涉及多栋楼，我们已上报集团客户关系中心，并安排工程部会同防水单位今天下午到B2现场勘查。"),
                new(TimeSpan.FromHours(5), "h6", PostKind.HomeownerReply, "朋友的车位在B2-136，也是一样，已经漏了快一个月了。"),
                new(TimeSpan.FromHours(11), "sh-staff", PostKind.Solution,
                    "经勘查，B2渗水主要由顶板后浇带及外墙施工缝防水失效引起。方案：对后浇带和施工缝采用注浆堵漏，顶板渗水严重区域加做背水面防水，通道增设两处排水沟；分三段施工，预计三周完成，施工区域车位临时调配至B1。受影响车辆的清洗费用由我司承担，请车主在物业登记。"),
                new(TimeSpan.FromDays(1), "h2", PostKind.HomeownerReply, "方案看着可以，请把每段的施工时间提前在群里和单元门口公示。"),
                new(TimeSpan.FromDays(1) + TimeSpan.FromHours(4), "hq-staff", PostKind.OfficialReply,
                    "集团客户关系中心已跟进此事，要求上海公司每周在本帖更新施工进度，直至全部完成并经雨后复查。"),
            ],
            CoSigns: 11),

        new("sh-binjiang-one", "property", "h2", TimeSpan.FromDays(11),
            "单元门禁人脸识别经常失灵，老人进不了门",
            "3栋单元门的人脸识别这两周经常识别不出来，晚上尤其严重。家里老人不会用手机开门，好几次在门口等了十几分钟。找物业说报修了，一直没人来。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromMinutes(50), "sh-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。已要求物业今天联系门禁厂家上门检测，检测期间物业安排门岗人员协助老人进出。"),
                new(TimeSpan.FromHours(7), "sh-staff", PostKind.Solution,
                    "经厂家检测，3栋门禁摄像头补光灯损坏，夜间识别率下降。已更换补光模块并升级识别程序，同时为不使用手机的老人免费办理门禁卡，请到物业服务中心登记。"),
                new(TimeSpan.FromDays(2), "h2", PostKind.HomeownerReply, "修好了，晚上也能识别了，门禁卡也办好了，谢谢。"),
            ],
            ResolutionSummary: "更换3栋门禁补光模块并升级识别程序，为老人免费办理门禁卡；业主确认恢复正常。",
            ClosedAfter: TimeSpan.FromDays(3), Rating: new(TimeSpan.FromHours(5), 5, "门禁现在一刷就开，老人也办好了卡，谢谢。")),

        new("sh-pudong-xiyuan", "engineering", "h6", TimeSpan.FromHours(4),
            "浦东溪苑新房客厅墙面出现多条裂缝",
            "刚收房两个月，客厅电视墙和次卧墙面出现好几条裂缝，最长的有一米多，从顶角斜着往下走。担心是不是结构有问题，请工程部上门看一下。",
            ThreadStatus.Open,
            []),

        new("sh-pudong-xiyuan", "property", "h6", TimeSpan.FromHours(14),
            "垃圾房几天不清运，楼下臭味很重",
            "溪苑7号楼旁边的垃圾房这几天都没有清运，垃圾桶满了堆在外面，天一热味道很重，还有苍蝇。物业前台说在协调，能不能给个具体时间？",
            ThreadStatus.Answered,
            [
                new(TimeSpan.FromHours(2), "sh-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈，给您带来困扰非常抱歉。经了解是清运单位车辆调度问题，已要求物业今天内完成清运并对垃圾房消杀，后续清运频次调整为每日两次。"),
                new(TimeSpan.FromHours(9), "h6", PostKind.HomeownerReply, "今天下午清掉了，但还是希望能固定时间清运，看后面几天的情况。"),
            ]),

        new("sh-pudong-xiyuan", "engineering", "h6", TimeSpan.FromDays(19),
            "卫生间墙砖空鼓，已经掉下来一块",
            "主卫淋浴区的墙砖昨晚突然掉下来一块，差点砸到人。敲了一下周围，还有好几块是空鼓的。交房不到一年，请尽快处理。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(1), "sh-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈，请您暂时不要使用淋浴区，注意安全。已安排工程部明天上午上门查看。"),
                new(TimeSpan.FromHours(10), "sh-staff", PostKind.Solution,
                    "经现场检查，淋浴区墙面共6块瓷砖空鼓，原因是粘结层不饱满。方案：铲除空鼓瓷砖，检查并修补防水层后重新铺贴，同时对卫生间其余墙砖全部敲检。施工约两天。"),
                new(TimeSpan.FromDays(4), "h6", PostKind.HomeownerReply, "已经贴好了，其他墙砖也检查过了，没问题。"),
            ],
            ResolutionSummary: "主卫6块空鼓墙砖铲除重贴，防水层检查修补，卫生间其余墙砖全部敲检无空鼓；业主确认。",
            ClosedAfter: TimeSpan.FromDays(5), Rating: new(TimeSpan.FromHours(24), 4, "修得不错，就是等施工排期等了几天。")),

        new("sh-hongqiao-yunjing", "engineering", "h6", TimeSpan.FromDays(13),
            "阳台推拉门关不严，漏风漏雨",
            "帮父母反映虹桥云境的问题：阳台推拉门关上以后还有一指宽的缝，风大的时候呼呼响，下雨时门槛内侧会积水。请安排门窗厂家上门调整。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(2), "sh-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。已联系门窗厂家，预计后天上午上门，请提前告知家中老人。"),
                new(TimeSpan.FromDays(1), "sh-staff", PostKind.Solution,
                    "厂家将上门调整推拉门滑轮和锁点，更换老化的密封毛条，并在门槛外侧补打防水胶；如调整后仍关不严，将整扇更换。"),
                new(TimeSpan.FromDays(3), "h6", PostKind.HomeownerReply, "调整过了，关得严了，这两天下雨也没有积水。"),
            ],
            ResolutionSummary: "调整阳台推拉门滑轮和锁点、更换密封毛条、门槛外侧补胶；雨天复查无积水，业主确认。",
            ClosedAfter: TimeSpan.FromDays(4), Rating: new(TimeSpan.FromHours(8), 5, "下雨天阳台门口已经不积水了，师傅很专业。")),

        new("sh-jiading-huating", "engineering", "h10", TimeSpan.FromDays(2),
            "嘉定华庭2期次卧窗户下雨往里渗水",
            "次卧窗户只要下雨，窗框左下角就往里渗水，墙纸已经泡起来了。报过物业，物业说属于开发商维修范围，让我在这里发帖。",
            ThreadStatus.Open,
            [
                new(TimeSpan.FromDays(1), "h10", PostKind.HomeownerReply, "一天过去了，还是没有人回复。"),
            ]),

        new("sh-jiading-huating", "engineering", "h10", TimeSpan.FromHours(20),
            "嘉定华庭2期客厅地砖空鼓，走上去有响声",
            "客厅靠阳台的一排地砖踩上去有空响，用空鼓锤敲了一下有七八块。家里准备入住，希望在搬家前处理好。",
            ThreadStatus.SolutionProposed,
            [
                new(TimeSpan.FromMinutes(75), "sh-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。已安排工程部今天下午上门敲检，确认空鼓范围后给您方案。"),
                new(TimeSpan.FromHours(8), "sh-staff", PostKind.Solution,
                    "经敲检，客厅共9块地砖空鼓。方案：对空鼓面积较小的4块采用注胶加固，其余5块铲除后重新铺贴，同批次备砖可保证颜色一致；施工约两天，会在您搬家前完成。"),
            ]),

        new("sh-jiading-huating", "design", "h10", TimeSpan.FromDays(27),
            "宣传的儿童游乐区缩水成了一块草坪",
            "销售时楼书和沙盘上，2期中心花园有一个带滑梯和沙池的儿童游乐区，现在交付的只有一块草坪和两张长椅。小区小孩很多，希望按原设计补建。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(2), "sh-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。我们正在调取2期景观施工图和销售期宣传资料进行比对，三个工作日内给您答复。"),
                new(TimeSpan.FromDays(3), "sh-staff", PostKind.Solution,
                    "经比对，2期景观施工图中中心花园确有儿童游乐区，因施工期间管线调整未能按图实施。我司将按原设计补建儿童游乐区（滑梯、沙池及安全地垫），方案已在业主群公示，预计一个月内完工。"),
                new(TimeSpan.FromDays(24), "h10", PostKind.HomeownerReply, "游乐区已经建好了，孩子们很喜欢，谢谢。"),
            ],
            ResolutionSummary: "按原景观设计在2期中心花园补建儿童游乐区（滑梯、沙池、安全地垫），业主确认完工。",
            ClosedAfter: TimeSpan.FromDays(25), Rating: new(TimeSpan.FromHours(12), 3, "游乐区建好了，但拖了快一个月，孩子们等了很久。"), CoSigns: 8),

        // ---------------------------------------------------------------- 北京公司
        new("bj-yizhuang-jiayuan", "engineering", "h4", TimeSpan.FromMinutes(160),
            "亦庄嘉园开始供暖了，家里地暖一点都不热",
            "供暖已经好几天了，家里地暖摸上去还是凉的，室温只有16度，家里有小孩，晚上冻得睡不着。楼上楼下邻居都是热的，是不是我家的管路有问题？",
            ThreadStatus.Answered,
            [
                new(TimeSpan.FromMinutes(55), "bj-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。已安排工程部和供暖维修人员今天下午上门检查分集水器和管路，请家中留人，检查结果会在本帖回复。"),
            ]),

        new("bj-yizhuang-jiayuan", "engineering", "h4", TimeSpan.FromDays(2),
            "亦庄嘉园12号楼卫生间漏水，楼下天花板泡坏了",
            "我家12号楼1602，楼下1502说卫生间天花板在滴水，石膏板已经泡变形了。物业上门看过，说是我家卫生间防水的问题，但我们家是精装交付，没动过卫生间。",
            ThreadStatus.SolutionProposed,
            [
                new(TimeSpan.FromMinutes(100), "bj-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈，给您和楼下邻居都添麻烦了。已安排工程部明天上午上门做闭水试验，查找渗漏点。"),
                new(TimeSpan.FromHours(22), "bj-staff", PostKind.Solution,
                    "经闭水试验，渗漏点为马桶下方排水管根部止水节施工不到位。方案：拆除马桶及周边地砖，重新做止水节和防水层，闭水48小时确认后恢复；楼下1502天花板石膏板由我司更换并重新刷漆。"),
                new(TimeSpan.FromDays(1) + TimeSpan.FromHours(2), "h4", PostKind.HomeownerReply, "同意方案，请和楼下邻居也约好时间。"),
            ]),

        new("bj-yizhuang-jiayuan", "engineering", "h4", TimeSpan.FromDays(12),
            "窗户密封条老化开裂，冬天漏风严重",
            "客厅和主卧的窗户密封条已经开裂发硬，关上窗能明显感觉到冷风往里灌，贴了胶条也不管用。交房才一年多，请安排维修。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(2), "bj-staff", PostKind.OfficialReply, "您好，已收到您的反馈，已安排门窗维修人员后天上午上门查看。"),
                new(TimeSpan.FromDays(2), "bj-staff", PostKind.Solution,
                    "经查看，密封条为同批次材料老化问题。将为您更换全屋外窗密封条并调整窗扇五金；同楼栋其他业主如有同样情况，可在物业服务中心统一登记更换。"),
                new(TimeSpan.FromDays(5), "h4", PostKind.HomeownerReply, "已经换好了，不漏风了。"),
            ],
            ResolutionSummary: "更换全屋外窗密封条并调整窗扇五金，业主确认不再漏风；同批次问题开放统一登记更换。",
            ClosedAfter: TimeSpan.FromDays(6), Rating: new(TimeSpan.FromHours(24), 4, "密封条换了，不漏风了；希望同批次的邻居也尽快处理。"), CoSigns: 3),

        new("bj-yizhuang-jiayuan", "fees", "h4", TimeSpan.FromDays(22),
            "装修除了押金还要交垃圾清运费，标准是什么",
            "准备装修，物业要求交3000元装修押金，另外按面积收装修垃圾清运费，每平米10元。清运费的收费标准在哪里公示过？业主自己找车清运可以吗？",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(3), "bj-staff", PostKind.OfficialReply, "您好，已收到您的反馈，正在与物业核实收费依据，今天内给您答复。"),
                new(TimeSpan.FromHours(8), "bj-staff", PostKind.Solution,
                    "经核实，装修垃圾清运费标准未在小区公示栏公示，物业已暂停收取。后续收费标准将依法公示，业主也可自行委托有资质的单位清运。您已交的清运费将全额退还，装修押金在装修验收后退还。"),
                new(TimeSpan.FromDays(3), "h4", PostKind.HomeownerReply, "清运费已经退了，谢谢。"),
            ],
            ResolutionSummary: "物业暂停收取未公示的装修垃圾清运费并退还已收费用，业主可自行委托清运；收费标准将依法公示后执行。",
            ClosedAfter: TimeSpan.FromDays(4), Rating: new(TimeSpan.FromHours(6), 5, "费用已经退回，谢谢及时纠正。"), CoSigns: 5),

        new("bj-chaoyang-yufu", "fees", "h7", TimeSpan.FromHours(10),
            "物业费没开会就涨价，还要一次交一年",
            "朝阳御府物业在单元门口贴了通知，明年起物业费从每平米4.8元涨到5.5元，还要求一次性交满一年，不交就停门禁卡。涨价有没有经过业主大会？",
            ThreadStatus.Open,
            [
                new(TimeSpan.FromHours(6), "h7", PostKind.HomeownerReply, "补充一下，通知上也没写涨价的原因和成本测算。"),
            ],
            CoSigns: 5),

        new("bj-chaoyang-yufu", "engineering", "h7", TimeSpan.FromDays(4),
            "入户门变形关不上，锁舌对不上锁孔",
            "朝阳御府的房子，入户门这个月开始越来越难关，要用力撞才能关上，锁舌和锁孔错开了，晚上反锁都锁不上，很不安全。",
            ThreadStatus.AwaitingHomeowner,
            [
                new(TimeSpan.FromHours(2), "bj-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。需要门厂技术人员上门测量门框和门扇变形情况，麻烦您在本帖告知方便上门的时间，我们据此安排。"),
                new(TimeSpan.FromDays(1), "bj-staff", PostKind.OfficialReply,
                    "您好，门厂技术人员本周三、周四全天都可以安排，请您确认时间，方便的话我们也可以先派人临时调整锁扣，保证能正常反锁。"),
            ]),

        new("bj-chaoyang-yufu", "property", "h7", TimeSpan.FromDays(8),
            "快递和外卖不让进小区，全堆在东门口",
            "最近物业不让快递员和外卖骑手进小区，东门口的快递堆成小山，下雨天全淋湿了，丢件也没人管。老人腿脚不便，每次都要走很远去取。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromMinutes(90), "bj-staff", PostKind.OfficialReply, "您好，已收到您的反馈，已要求物业说明情况并尽快提出改进方案。"),
                new(TimeSpan.FromHours(9), "bj-staff", PostKind.Solution,
                    "物业将在东门内侧增设带雨棚的快递暂存点和两组智能快递柜，安排专人登记管理；外卖骑手登记后可送至单元门口；行动不便的老人可预约物业代送。本周五前落实。"),
                new(TimeSpan.FromDays(5), "h7", PostKind.HomeownerReply, "快递柜装好了，下雨也不怕了。"),
            ],
            ResolutionSummary: "东门内侧增设带雨棚的快递暂存点和两组智能快递柜，外卖登记后可送至单元门，老人可预约代送；业主确认。",
            ClosedAfter: TimeSpan.FromDays(6), Rating: new(TimeSpan.FromHours(10), 4, "快递柜很方便，老人代送服务也用上了。")),

        new("bj-shunyi-lanting", "engineering", "h7", TimeSpan.FromHours(30),
            "顺义澜庭卧室墙面裂缝越来越长，是否影响结构",
            "帮朋友发的，他家在顺义澜庭。主卧靠窗的墙面有一条斜裂缝，三个月前只有二十公分，现在快一米了，缝里能塞进一张纸。请专业人员来看看是不是结构裂缝。",
            ThreadStatus.Answered,
            [
                new(TimeSpan.FromMinutes(150), "bj-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。已安排工程部和结构工程师后天上午上门查看，并在裂缝处贴石膏饼观察是否继续发展，检测结论会在本帖公布。"),
                new(TimeSpan.FromHours(20), "h7", PostKind.HomeownerReply, "好的，希望给出书面的检测结论。"),
            ]),

        new("bj-changping-linyu", "design", "h7", TimeSpan.FromHours(18),
            "西山林语南门交房一年了还不开，出行要绕一大圈",
            "小区规划图上南门正对公交站，交房一年了南门一直锁着，大家只能从北门出去绕一公里才能坐公交。问物业说要等开发商移交，到底什么时候开？",
            ThreadStatus.Open,
            [],
            CoSigns: 6),

        new("bj-changping-linyu", "other", "h7", TimeSpan.FromDays(5),
            "隔壁二期工地夜里施工，噪音吵得睡不着",
            "西山林语二期工地最近每天晚上十一点以后还在打桩、运渣土，一直持续到凌晨，一期靠近工地的几栋楼根本睡不着。请问有没有夜间施工许可？",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromMinutes(45), "bj-staff", PostKind.OfficialReply, "您好，已收到您的反馈，非常抱歉影响了大家休息。已要求项目部今晚起停止22点以后的高噪音作业。"),
                new(TimeSpan.FromHours(6), "bj-staff", PostKind.Solution,
                    "经核实，二期项目部在未取得夜间施工许可的情况下安排了夜间作业。已责令施工单位22:00至次日6:00停止一切高噪音作业，渣土车改为白天运输，并在工地一侧加装隔音屏。项目部值班电话已在业主群公布。"),
                new(TimeSpan.FromDays(3), "h7", PostKind.HomeownerReply, "这几天晚上确实安静了，希望能坚持下去。"),
            ],
            ResolutionSummary: "二期工地停止22:00至6:00高噪音作业，渣土车改为白天运输，加装隔音屏；业主确认夜间已安静。",
            ClosedAfter: TimeSpan.FromDays(4), Rating: new(TimeSpan.FromHours(5), 5, "晚上终于能睡个安稳觉了。"), CoSigns: 9),

        // ---------------------------------------------------------------- 广州公司
        new("gz-huangpu-yuncheng", "engineering", "h8", TimeSpan.FromMinutes(110),
            "黄埔云城客厅落地窗下雨渗水，地板泡起来了",
            "今天下大雨，客厅落地窗下沿一直往里渗水，木地板靠窗的一排已经起拱了。之前交房验收时窗框就有缝，当时说会处理，一直没人来。",
            ThreadStatus.Open,
            []),

        new("gz-huangpu-yuncheng", "engineering", "h8", TimeSpan.FromDays(5),
            "主卧紧挨电梯井，电梯噪音大晚上睡不着",
            "我家9栋1801，主卧和电梯井只隔一堵墙，电梯运行时嗡嗡声和停靠的咚咚声很明显，夜里十二点以后还有人用电梯，实在睡不好。",
            ThreadStatus.SolutionProposed,
            [
                new(TimeSpan.FromHours(2), "gz-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。已安排工程部和电梯维保单位今晚22点后到您家中做噪音检测，请家中留人。"),
                new(TimeSpan.FromDays(1), "h8", PostKind.HomeownerReply, "昨晚测了，卧室里有42分贝。"),
                new(TimeSpan.FromDays(1) + TimeSpan.FromHours(6), "gz-staff", PostKind.Solution,
                    "检测结果夜间超过住宅卧室标准限值。方案：一、电梯维保单位调整曳引机减振垫和导轨，更换导靴；二、在电梯井与主卧相邻墙面加做隔音层，室内墙面由我司负责恢复。完工后再次检测，达标为止。"),
            ]),

        new("gz-huangpu-yuncheng", "engineering", "h8", TimeSpan.FromDays(17),
            "阳台地漏返水，一下雨阳台就变成水池",
            "9栋1801阳台地漏一下大雨就往上冒水，整个阳台积水两三公分，还倒灌进客厅。楼上楼下好像都没这个情况，怀疑是排水管接错了。",
            ThreadStatus.Reopened,
            [
                new(TimeSpan.FromMinutes(90), "gz-staff", PostKind.OfficialReply, "您好，已收到您的反馈。已安排工程部明天上午上门检查阳台排水管路。"),
                new(TimeSpan.FromHours(10), "gz-staff", PostKind.Solution,
                    "经检查，阳台地漏接入了雨水立管，暴雨时立管满流导致返水。方案：阳台地漏改接至废水立管，并在雨水立管加装止回阀；施工一天。"),
                new(TimeSpan.FromDays(8), "h8", PostKind.HomeownerReply, "改好了，这几天下雨没有返水。"),
                new(TimeSpan.FromDays(15) + TimeSpan.FromHours(20), "h8", PostKind.HomeownerReply,
                    "昨天台风暴雨又返水了，虽然比之前少，但阳台还是积了一层水。申请重新处理。"),
            ],
            ResolutionSummary: "阳台地漏改接至废水立管，雨水立管加装止回阀；雨天复查无返水后关闭。",
            ClosedAfter: TimeSpan.FromDays(9)),

        new("gz-huangpu-yuncheng", "sales", "h8", TimeSpan.FromDays(16),
            "交房一年半了不动产权证还没办下来",
            "购房合同约定交房后365天内办理不动产权证，现在已经一年半了还没有消息，问销售说在走流程。孩子明年上学要用房产证，请给一个明确的时间。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(2), "gz-staff", PostKind.OfficialReply, "您好，已收到您的反馈。已将您的情况转给办证中心核实进度，今天内答复您。"),
                new(TimeSpan.FromHours(7), "gz-staff", PostKind.Solution,
                    "经核实，黄埔云城首期大确权已于上月完成，您的不动产权证资料已提交登记中心，预计三周内出证。逾期办证的违约金按合同约定标准计算，将在领证时一并支付。出证后办证中心会短信通知您领取。"),
                new(TimeSpan.FromDays(14), "h8", PostKind.HomeownerReply, "已经领到证了，违约金也收到了。"),
            ],
            ResolutionSummary: "不动产权证已办理完成并由业主领取，逾期办证违约金按合同约定支付。",
            ClosedAfter: TimeSpan.FromDays(15), Rating: new(TimeSpan.FromHours(6), 2, "证是拿到了，但比合同晚了半年，违约金也催了好几次才给。"), CoSigns: 6),

        new("gz-zhujiang-yuefu", "engineering", "h5", TimeSpan.FromHours(7),
            "珠江悦府卫生间漏水，墙角一直是湿的",
            "次卫墙角和门槛石附近一直是湿的，踢脚线发黑，用纸巾擦一下就是水。怀疑淋浴区防水没做好，水渗到了外面。麻烦尽快派人来看。",
            ThreadStatus.Open,
            []),

        new("gz-zhujiang-yuefu", "engineering", "h5", TimeSpan.FromDays(3),
            "空调冷凝水管倒坡，水顺着墙往下流",
            "主卧空调开了以后冷凝水不往外排，顺着室内墙面往下流，墙纸都湿了。空调师傅说是预埋的冷凝水管坡度反了，属于开发商的问题。",
            ThreadStatus.AwaitingHomeowner,
            [
                new(TimeSpan.FromMinutes(100), "gz-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈。整改需要在墙面开槽重新敷设冷凝水管，请您在本帖确认施工时家中是否有人，以及墙纸是否由我们一并恢复，我们据此安排施工。"),
                new(TimeSpan.FromDays(2), "gz-staff", PostKind.OfficialReply, "您好，还在等您确认时间，方便时请回复，我们好安排施工班组。"),
            ]),

        new("gz-zhujiang-yuefu", "property", "h5", TimeSpan.FromDays(10),
            "小区绿化带被改成了停车位，物业说是临时的",
            "珠江悦府3栋和5栋之间的绿化带这周被铲掉，铺了植草砖做临时停车位。绿化是业主共有部分，改用途有没有征求业主意见？",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(1), "gz-staff", PostKind.OfficialReply, "您好，已收到您的反馈，已要求物业立即停止施工并说明情况。"),
                new(TimeSpan.FromHours(8), "gz-staff", PostKind.Solution,
                    "经核实，物业未经业主表决擅自改变绿地用途，做法不当。已要求物业恢复3栋与5栋之间的绿化带，两周内完成补种；小区停车问题将另行征求业主意见后处理。"),
                new(TimeSpan.FromDays(7), "h5", PostKind.HomeownerReply, "绿化已经恢复了，树也补种了。"),
            ],
            ResolutionSummary: "物业停止擅自改建停车位，3栋与5栋之间绿化带已恢复补种；停车方案另行征求业主意见。",
            ClosedAfter: TimeSpan.FromDays(8), Rating: new(TimeSpan.FromHours(24), 4, "绿化带恢复了，停车方案希望真的征求大家意见。"), CoSigns: 7),

        new("gz-panyu-jinmao", "engineering", "h5", TimeSpan.FromDays(3),
            "锦茂花园外墙瓷砖脱落，差点砸到人",
            "帮我妈反映，她住番禺锦茂花园。昨天下午8栋外墙有几块瓷砖从高处掉下来，砸在单元门口的雨棚上，当时旁边有小孩在玩。外墙其他地方也有松动的，太危险了。",
            ThreadStatus.Open,
            [
                new(TimeSpan.FromHours(5), "h5", PostKind.HomeownerReply, "物业只是拉了一条警戒线，请开发商尽快排查整栋外墙。"),
                new(TimeSpan.FromDays(2), "h5", PostKind.HomeownerReply, "两天了没有任何回复，这是安全问题！"),
            ],
            CoSigns: 8),

        new("gz-panyu-jinmao", "engineering", "h5", TimeSpan.FromDays(28),
            "锦茂花园新房卧室地砖大面积空鼓开裂",
            "还是我妈锦茂花园的房子，两个卧室的地砖有十几块空鼓，其中三块已经裂了，走上去会响。老人腿脚不好，怕踩空摔倒。",
            ThreadStatus.Closed,
            [
                new(TimeSpan.FromHours(2), "gz-staff", PostKind.OfficialReply, "您好，已收到您的反馈，已安排工程部明天上午上门敲检。"),
                new(TimeSpan.FromHours(11), "gz-staff", PostKind.Solution,
                    "经敲检，两间卧室共14块地砖空鼓，3块开裂。方案：开裂及空鼓严重的9块铲除重贴，其余5块注胶加固，施工期间家具由我司负责搬移和保护。"),
                new(TimeSpan.FromDays(6), "h5", PostKind.HomeownerReply, "已经修好了，我妈说现在走着踏实了。"),
            ],
            ResolutionSummary: "两间卧室空鼓开裂地砖9块铲除重贴、5块注胶加固，业主确认。",
            ClosedAfter: TimeSpan.FromDays(7), Rating: new(TimeSpan.FromHours(24), 5, "已经修好了，走着踏实，谢谢师傅。")),

        new("gz-baiyun-shanshui", "fees", "h5", TimeSpan.FromDays(2),
            "装修完半年，装修押金还不退",
            "白云山水苑的房子装修早就完工了，也通过了物业验收，3000元装修押金到现在还没退，每次问都说财务在走流程。",
            ThreadStatus.Answered,
            [
                new(TimeSpan.FromHours(4), "gz-staff", PostKind.OfficialReply,
                    "您好，已收到您的反馈，回复晚了，非常抱歉。已要求物业财务核对您的装修验收记录，核对完成后安排退款，结果会在本帖告知。"),
            ]),
    ];

    /// <summary>Who hears about escalations (all @example.com): per local company its customer relations and head;
    /// for HQ the customer relations center and two executives, one of whom reads English.</summary>
    public static readonly DemoRecipient[] Recipients =
    [
        new("hq", RecipientRole.CustomerRelations, "集团客户关系中心", "hq.cr@example.com", "zh-CN"),
        new("hq", RecipientRole.Executive, "集团总裁 陈总", "president@example.com", "zh-CN"),
        new("hq", RecipientRole.Executive, "Chief Customer Officer", "cco@example.com", "en"),
        new("shenzhen", RecipientRole.CustomerRelations, "深圳公司客户关系部", "shenzhen.cr@example.com", "zh-CN"),
        new("shenzhen", RecipientRole.CompanyHead, "深圳公司总经理 刘总", "shenzhen.head@example.com", "zh-CN"),
        new("shanghai", RecipientRole.CustomerRelations, "上海公司客户关系部", "shanghai.cr@example.com", "zh-CN"),
        new("shanghai", RecipientRole.CompanyHead, "上海公司总经理 周总", "shanghai.head@example.com", "zh-CN"),
        new("beijing", RecipientRole.CustomerRelations, "北京公司客户关系部", "beijing.cr@example.com", "zh-CN"),
        new("beijing", RecipientRole.CompanyHead, "北京公司总经理 赵总", "beijing.head@example.com", "zh-CN"),
        new("guangzhou", RecipientRole.CustomerRelations, "广州公司客户关系部", "guangzhou.cr@example.com", "zh-CN"),
        new("guangzhou", RecipientRole.CompanyHead, "广州公司总经理 何总", "guangzhou.head@example.com", "zh-CN"),
    ];

    /// <summary>The password of every demo account (demo only; listed in the README).</summary>
    public const string DemoPassword = "Demo-2026!";

    /// <summary>
    /// Sign-in accounts: existing people (by key) get an e-mail and roles; the others are new people. Every staff
    /// member who signs demo replies can sign in, so each local company's answers have a person behind them.
    /// </summary>
    public static readonly DemoAccount[] Accounts =
    [
        new("homeowner@example.com", "h1", null, null, ForumRoles.Homeowner),
        new("shenzhen.staff@example.com", "sz-staff", null, "shenzhen", ForumRoles.LocalStaff),
        new("shanghai.staff@example.com", "sh-staff", null, "shanghai", ForumRoles.LocalStaff),
        new("beijing.staff@example.com", "bj-staff", null, "beijing", ForumRoles.LocalStaff),
        new("guangzhou.staff@example.com", "gz-staff", null, "guangzhou", ForumRoles.LocalStaff),
        new("hq.staff@example.com", "hq-staff", null, null, ForumRoles.HqStaff),
        new("executive@example.com", null, "集团总裁 陈总", null, ForumRoles.Executive),
        new("admin@example.com", null, "系统管理员", null, ForumRoles.Admin),
    ];
}
