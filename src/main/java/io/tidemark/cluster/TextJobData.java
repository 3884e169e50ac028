package io.tidemark.cluster;

import org.apache.camel.component.quartz.QuartzConstants;
import org.apache.camel.component.quartz.SchedulerInitTask;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job data in the shared job store is text ({@code useProperties}, see {@link ClusteredJobStore}): a job (the store
 * holds only the tables' jobs) whose data does not read as camel-quartz's (written as a serialized object by an older version, or planted) is
 * removed with its trigger, unread, and camel-quartz schedules the table again from its route.
 */
final class TextJobData implements SchedulerInitTask {

    private static final Logger LOG = LoggerFactory.getLogger(TextJobData.class);

    @Override
    public void initializeTask(Scheduler scheduler) throws SchedulerException {
        for (JobKey job : scheduler.getJobKeys(GroupMatcher.anyJobGroup())) {
            JobDetail detail = scheduler.getJobDetail(job);
            if (detail != null && !detail.getJobDataMap().containsKey(QuartzConstants.QUARTZ_ENDPOINT_URI)) {
                scheduler.deleteJob(job);
                LOG.warn("Removed the schedule of table {} from the cluster's job store: its job data was not text "
                        + "(written by an older Tidemark, or by someone else); it is scheduled again", job.getName());
            }
        }
    }
}
