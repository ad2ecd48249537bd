/**
 * The sample county's own text for the region summary's 下一步工作 (`summary/region.md`), as a
 * bureau writes it: plain paragraphs, no figures (those come from the published tables) and
 * no names.
 */
export const SAMPLE_NEXT_STEPS = `# 下一步工作

一是补齐关爱工作短板。针对生活照顾、心理辅导等覆盖面偏小的项目，督促各校把关爱措施落实到每一名留守儿童，按月做好谈心和亲情电话记录。

二是缩小校际差距。对关爱工作开展较少的乡镇和学校开展专项督导，组织工作做得好的学校介绍经验，结对带动。

三是加强数据报送。要求各校按时、完整报送学生名单和关爱工作记录，做到底数清、情况明，为下一学年的统计摘要打好基础。
`;
